package io.wschat.localgateway.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs one connection's invocations one after another, in arrival order, on a shared pool.
 * API Gateway keeps no such promise across connections, so neither do we: connections run in parallel.
 */
final class SerialExecutor implements Executor {
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private final Executor pool;
  private boolean running;

  SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  @Override
  public synchronized void execute(Runnable task) {
    tasks.add(task);
    if (!running) {
      running = true;
      pool.execute(this::drain);
    }
  }

  /** Drops the tasks not started yet (the running one finishes); answers how many were dropped. */
  synchronized int clear() {
    int dropped = tasks.size();
    tasks.clear();
    return dropped;
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = tasks.poll();
        if (next == null) {
          running = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        e.printStackTrace(); // a bug in the gateway itself; the next task still runs
      }
    }
  }
}
