package io.kefu.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Results computed from one publish of the warehouse, kept while they are asked for again: a KPI
 * page and its two chart images are three requests for the same report, and fifty managers looking
 * at this week ask for the same few. Keys include the identity of the published file (see {@link
 * WarehouseConnections}), so a new publish is never answered from the old one; entries of replaced
 * publishes simply age out (least recently used first).
 *
 * <p>Concurrent requests for the same key wait for one computation instead of each running it
 * ("single flight"); a computation that fails is not kept.
 */
final class ReportCache<K, V> {

  /** A computation that may throw what the warehouse throws. */
  @FunctionalInterface
  interface Work<V> {
    V compute() throws Exception;
  }

  private final Map<K, CompletableFuture<V>> entries;

  ReportCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(64, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<K, CompletableFuture<V>> e) {
            return size() > capacity;
          }
        };
  }

  /** The value of the key, computed by this caller or by one already computing it. */
  V get(K key, Work<V> work) throws Exception {
    CompletableFuture<V> f;
    boolean mine = false;
    synchronized (entries) {
      f = entries.get(key);
      if (f == null) {
        f = new CompletableFuture<>();
        entries.put(key, f);
        mine = true;
      }
    }
    if (mine) {
      try {
        V v = work.compute();
        f.complete(v);
        return v;
      } catch (Exception | Error e) {
        synchronized (entries) {
          entries.remove(key, f);
        }
        f.completeExceptionally(e);
        throw e;
      }
    }
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof Exception) {
        throw (Exception) e.getCause();
      }
      throw e;
    }
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
