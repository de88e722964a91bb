package io.wschat.localgateway.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The emulated API's state: its settings, its open connections and the threads integrations run on.
 * Integrations never run on Jetty's threads past the handshake, so a slow handler cannot stall the sockets.
 */
public final class Gateway {
  private final GatewaySettings settings;
  private final EventFactory events;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor pool;
  private boolean closing; // guarded by this, with the puts into connections
  /** Upgrade requests being decided or answered, not open yet: closeAll() waits for these too. */
  private final AtomicInteger handshaking = new AtomicInteger();
  private final Diagnostics diagnostics = new Diagnostics();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("timeouts"));
  /** The stage's route throttling: one bucket per route that has a limit. */
  private final Map<String, TokenBucket> throttles = new ConcurrentHashMap<>();

  public Gateway(GatewaySettings settings, IntSupplier port) {
    this.settings = settings;
    this.events = new EventFactory(settings.stage(), settings.apiId(), port);
    // A fixed number of "containers": threads start when first needed and end after a minute without work.
    this.pool = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 1, TimeUnit.MINUTES,
        new LinkedBlockingQueue<>(), daemon("lambda"));
    pool.allowCoreThreadTimeOut(true);
    settings.routes().keySet().forEach(key -> settings.throttling().forRoute(key).ifPresent(limit ->
        throttles.put(key, new TokenBucket(limit.ratePerSecond(), limit.burst()))));
  }

  /** Whether a request on this route is beyond the stage's throttling: then it must not reach the integration. */
  boolean throttled(String routeKey) {
    TokenBucket bucket = throttles.get(routeKey);
    return bucket != null && !bucket.tryTake();
  }

  GatewaySettings settings() { return settings; }
  EventFactory events() { return events; }
  ExecutorService pool() { return pool; }
  AccessLog accessLog() { return settings.accessLog(); }
  public Diagnostics diagnostics() { return diagnostics; }

  Optional<Route> route(String key) {
    return Optional.ofNullable(settings.routes().get(key));
  }

  /** The REQUEST authorizer on $connect, if the API has one. */
  Optional<RequestAuthorizer> authorizer() {
    return settings.authorizer();
  }

  Optional<Connection> connection(String id) {
    return Optional.ofNullable(connections.get(id));
  }

  /** A handshake begins, unless the gateway is closing: then it must be refused. */
  synchronized boolean handshakeStarted() {
    if (closing) {
      return false;
    }
    handshaking.incrementAndGet();
    return true;
  }

  /** A handshake that will not open: refused, or failed. */
  void handshakeEnded() {
    handshaking.decrementAndGet();
  }

  void opened(Connection connection) {
    handshakeEnded();
    boolean closing;
    synchronized (this) {
      connections.put(connection.id(), connection);
      closing = this.closing;
    }
    if (closing) {
      // The handshake finished while the gateway was closing: closeAll() did not see it, so it goes now.
      connection.close(1001, "Going away");
      return;
    }
    scheduleTimeout(connection);
  }

  /**
   * The connection is gone. Messages it sent before a closing handshake are still routed, as API Gateway routes
   * every message it received; if it vanished without one ({@code vanished}: 1006), those still queued are dropped,
   * since no client is left to hear of them. Either way at most the inbound queue's worth is left.
   */
  void closed(Connection connection, boolean vanished) {
    connections.remove(connection.id());
    int dropped = connection.closed(vanished);
    if (dropped > 0) {
      diagnostics.dropped(dropped);
    }
  }

  /** API Gateway closes idle and over-age connections with 1001 "Going away"; one timer per connection checks both. */
  private void scheduleTimeout(Connection c) {
    if (!c.isOpen()) {
      return;
    }
    long now = System.currentTimeMillis();
    long idleAt = c.lastActiveAt() + settings.idleTimeout().toMillis();
    long maxAt = c.connectedAt() + settings.maxConnectionDuration().toMillis();
    if (now >= idleAt || now >= maxAt) {
      c.close(1001, "Going away");
      return;
    }
    c.timer(timers.schedule(() -> scheduleTimeout(c), Math.min(idleAt, maxAt) - now, TimeUnit.MILLISECONDS));
  }

  /** Closes every connection with 1001, as API Gateway does, and waits a little for the closing handshakes. */
  public void closeAll(long waitMillis) {
    List<Connection> open;
    synchronized (this) {
      closing = true;
      open = List.copyOf(connections.values());
    }
    open.forEach(c -> c.close(1001, "Going away"));
    long deadline = System.currentTimeMillis() + waitMillis;
    while ((!connections.isEmpty() || handshaking.get() > 0) && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Closes the connections open now with {@code code}, without refusing new ones (as {@link #closeAll} does), and
   * returns how many it closed. Their $disconnect runs as usual.
   */
  public int closeOpen(int code, String reason) {
    List<Connection> open = List.copyOf(connections.values());
    open.forEach(c -> c.close(code, reason));
    return open.size();
  }

  /** Lets running invocations, $disconnect included, finish before the JVM may exit. */
  public void shutdown() {
    timers.shutdownNow();
    pool.shutdown();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemon(String name) {
    var count = new AtomicInteger();
    return runnable -> {
      var thread = new Thread(runnable, "local-gateway-" + name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
