package io.kefu.core.qa;

import java.util.List;

/**
 * A rulebook that cannot be used, with every problem found in it, one per line, each naming the
 * file, the line and the key ({@code qa-rulebook.zh.ini:42: [impolite] wrods: unknown key (did you
 * mean 'words'?)}).
 */
public final class RulebookException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public RulebookException(String source, List<String> problems) {
    super("invalid rulebook " + source + ":\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
