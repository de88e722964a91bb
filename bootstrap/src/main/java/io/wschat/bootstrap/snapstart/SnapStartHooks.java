package io.wschat.bootstrap.snapstart;

import java.util.concurrent.atomic.AtomicInteger;
import org.crac.Context;
import org.crac.Resource;

/**
 * The runtime hooks SnapStart calls (through org.crac): before the snapshot, prime the hot path and drop
 * connections that would be dead in a restored copy; after the restore, drop them again, so every connection a
 * restored process uses is its own.
 */
public final class SnapStartHooks implements Resource {
  private final Runnable prime;
  private final Runnable dropConnections;
  private final AtomicInteger checkpoints = new AtomicInteger();
  private final AtomicInteger restores = new AtomicInteger();

  public SnapStartHooks(Runnable prime, Runnable dropConnections) {
    this.prime = prime;
    this.dropConnections = dropConnections;
  }

  /** Registers with the global context. The caller keeps the hooks referenced for as long as they matter. */
  public SnapStartHooks register() {
    org.crac.Core.getGlobalContext().register(this);
    return this;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    prime.run();
    dropConnections.run();
    checkpoints.incrementAndGet();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    dropConnections.run();
    restores.incrementAndGet();
  }

  public int checkpoints() {
    return checkpoints.get();
  }

  public int restores() {
    return restores.get();
  }
}
