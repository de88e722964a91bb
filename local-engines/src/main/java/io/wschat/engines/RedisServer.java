package io.wschat.engines;

import java.util.List;

/**
 * A real Redis for tests, empty and listening on loopback only, that stops by itself. Which engine runs it is
 * hidden here: Testcontainers {@code redis:7-alpine} when Docker answers, else a {@code redis-server} binary on a
 * free port. Set {@code WSCHAT_REDIS_ENGINE} (or {@code -Dwschat.redis.engine}) to {@code docker} or
 * {@code binary} to force one. With neither available, {@link #start} fails and says what to install: a run
 * never skips silently.
 */
public interface RedisServer extends AutoCloseable {

  /** Starts a server; {@code serverArgs} are extra redis-server options, e.g. {@code "--requirepass", "x"}. */
  static RedisServer start(String... serverArgs) {
    return Engines.start(List.of(serverArgs));
  }

  String host();

  int port();

  /** What runs it, for test reports: the binary's path or the image name. */
  String engine();

  default String url() {
    return "redis://" + host() + ":" + port();
  }

  /** Ends the server at once, as SIGKILL would: no reply to anything in flight, no goodbye to clients. */
  void kill();

  /** Starts it again on the same port, empty, and waits until it answers PING. */
  void restart();

  /** Stops the server process (SIGSTOP, docker pause): connections stay open but nothing is answered. */
  void freeze();

  void thaw();

  @Override
  void close();
}
