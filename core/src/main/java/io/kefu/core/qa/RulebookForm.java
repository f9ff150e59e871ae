package io.kefu.core.qa;

import java.io.Serializable;

/**
 * How a {@link QaEngine} or a {@link LiveQa} travels in Java serialization: as its rulebook (a few
 * KB) instead of its compiled matchers (about 1.5 MB for the default rulebook). Spark ships an
 * engine inside every task and Flink a live check inside its job graph; the receiver compiles the
 * matchers again from the rulebook in a few milliseconds.
 *
 * @param engine a whole {@link QaEngine}, else a {@link LiveQa}
 */
record RulebookForm(Rulebook rulebook, boolean engine) implements Serializable {

  private Object readResolve() {
    return engine ? new QaEngine(rulebook) : new LiveQa(rulebook);
  }
}
