package io.wschat.adapter.redis.internal;

import java.util.function.Supplier;

/**
 * How one port operation runs and when a failure earns another try: {@link Attempts} on one server,
 * {@link ClusterAttempts} on a cluster.
 */
public interface Retrying {

  /** {@code idempotent}: its answer would be the same had it run twice, so a lost attempt may be repeated. */
  <T> T run(boolean idempotent, Supplier<T> body);

  /** Closes every idle pooled connection; the next operation opens a fresh one. */
  void dropIdle();
}
