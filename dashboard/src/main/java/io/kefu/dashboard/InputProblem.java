package io.kefu.dashboard;

/**
 * What a person typed cannot be accepted; the message key (and arguments) say why in their
 * language. Handlers catch it and show the form again with the message.
 */
public final class InputProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final transient Object[] args;

  public InputProblem(String key, Object... args) {
    super(key);
    this.key = key;
    this.args = args.clone();
  }

  public String key() {
    return key;
  }

  public Object[] args() {
    return args.clone();
  }

  /** The message in the given language. */
  public String message(Messages.Text t) {
    return t.format(key, args);
  }
}
