package io.kefu.core.config;

import java.util.List;

/** A configuration file that cannot be used, with every problem found in it, one per line. */
public final class ConfigException extends RuntimeException {

  private final List<String> problems;

  public ConfigException(String source, List<String> problems) {
    super("invalid configuration " + source + ":\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
