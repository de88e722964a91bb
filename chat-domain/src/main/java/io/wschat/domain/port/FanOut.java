package io.wschat.domain.port;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The failure rules of {@link MessageSender#sendAll}, stated once: one task per key, every key tried even if one
 * fails, then the first failure (in the keys' order) thrown with the others suppressed on it. The tasks run on
 * {@code executor}; {@code Runnable::run} runs them one after another on the calling thread.
 */
public final class FanOut {

  private FanOut() {}

  public static <K, V> Map<K, V> apply(Set<K> keys, Function<K, V> task, Executor executor) {
    List<K> ordered = List.copyOf(keys);
    if (ordered.isEmpty()) {
      return new LinkedHashMap<>();
    }
    List<CompletableFuture<V>> forked = new ArrayList<>();
    // The first task runs on the calling thread, which would otherwise only wait; one key needs no hop at all.
    for (K key : ordered.subList(1, ordered.size())) {
      forked.add(CompletableFuture.supplyAsync(() -> task.apply(key), executor));
    }
    Map<K, V> results = new LinkedHashMap<>();
    RuntimeException failure = null;
    for (int i = 0; i < ordered.size(); i++) {
      try {
        results.put(ordered.get(i), i == 0 ? task.apply(ordered.get(0)) : join(forked.get(i - 1)));
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }

  private static <V> V join(CompletableFuture<V> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      // Rethrow what the task threw, so callers see the same exception as on the calling thread.
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
