package io.kefu.sample;

/**
 * Derives independent, reproducible random seeds from the user's seed and a path of indices (day,
 * session number …). Each session gets its own {@code Random}, so changing how many sessions one
 * day has never shifts the content of another, and output is byte-identical for the same seed.
 */
final class Seeds {

  private Seeds() {}

  static long mix(long seed, long... path) {
    long h = seed ^ 0x9E3779B97F4A7C15L;
    for (long p : path) {
      h = splitmix(h ^ p);
    }
    return h;
  }

  private static long splitmix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
