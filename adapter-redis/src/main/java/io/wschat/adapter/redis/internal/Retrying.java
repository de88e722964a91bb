package io.wschat.adapter.redis.internal;

import java.util.function.Supplier;

/**
 * How one port operation runs and when a failure earns another try: {@link Attempts} on one server,
 * {@link ClusterAttempts} on a cluster.
 */
public interface Retrying {

  /** {@code replay}: whether the operation may reach the server twice ({@link Replay}). */
  <T> T run(Replay replay, Supplier<T> body);

  /** Closes every idle pooled connection; the next operation opens a fresh one. */
  void dropIdle();
}
