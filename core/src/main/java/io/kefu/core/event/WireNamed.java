package io.kefu.core.event;

/** An enumerated field of the contract, spelled on the wire in lower snake case. */
public interface WireNamed {

  String wireName();

  /** The constant spelled {@code name} on the wire, or {@code null} if there is none. */
  static <E extends Enum<E> & WireNamed> E find(Class<E> type, String name) {
    for (E e : type.getEnumConstants()) {
      if (e.wireName().equals(name)) {
        return e;
      }
    }
    return null;
  }
}
