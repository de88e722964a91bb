package io.wschat.engines;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Plain-socket helpers, so the fixture does not depend on the client it is there to test. */
final class Ping {
  private Ping() {}

  /** True when the server answers PING, or refuses it for want of a password: either way it is up. */
  static boolean answers(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 200);
      socket.setSoTimeout(500);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[64];
      int n = in.read(buffer);
      String reply = n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.US_ASCII);
      return reply.startsWith("+PONG") || reply.startsWith("-NOAUTH");
    } catch (IOException e) {
      return false;
    }
  }

  /** True when something accepts a TCP connection there. */
  static boolean listens(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Waits until {@code up} holds, failing early when {@code alive} stops holding. */
  static void await(String what, Duration limit, BooleanSupplier up, BooleanSupplier alive) {
    await(limit, () -> {
      if (up.getAsBoolean()) {
        return true;
      }
      if (!alive.getAsBoolean()) {
        throw new IllegalStateException(what + " exited before answering PING");
      }
      return false;
    }, () -> what + " did not answer PING within " + limit);
  }

  /** Polls {@code done} until it holds; after {@code limit}, fails with {@code failure}'s message. */
  static void await(Duration limit, BooleanSupplier done, Supplier<String> failure) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting", e);
      }
    }
    throw new IllegalStateException(failure.get());
  }

  /**
   * A port of at most 55535 that is free, with the one 10000 above it free too: a Redis Cluster node listens on
   * both, the second for its cluster bus.
   */
  static int freeClusterPort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(20_000, 55_536);
      if (bindable(port) && bindable(port + 10_000)) {
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port pair (p, p + 10000) for a Redis Cluster node");
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port nobody listens on right now; the caller retries if someone takes it before the server binds. */
  static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port", e);
    }
  }
}
