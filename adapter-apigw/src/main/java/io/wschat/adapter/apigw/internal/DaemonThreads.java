package io.wschat.adapter.apigw.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The fan-out pool: bounded, daemon, and starting no thread until a post needs one (cold start). */
public final class DaemonThreads {

  private DaemonThreads() {}

  public static ExecutorService boundedPool(String name, int threads) {
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory factory = runnable -> {
      Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
      // Daemon: a forgotten close() must not keep a JVM (the local runner, a test) alive.
      thread.setDaemon(true);
      return thread;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(
        threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
