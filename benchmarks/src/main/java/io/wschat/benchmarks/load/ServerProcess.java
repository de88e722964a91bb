package io.wschat.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Starting, waiting for and stopping a server process; its output goes to a log file, so it never blocks. */
final class ServerProcess {
  private static final Duration START_LIMIT = Duration.ofSeconds(90);

  private ServerProcess() {}

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  static Process start(ProcessBuilder builder, Path log) {
    try {
      Files.createDirectories(log.getParent());
      Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
      // A benchmark that dies must not leave a server behind.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process)));
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + builder.command(), e);
    }
  }

  /** Waits until {@code ready} holds, at most {@link #START_LIMIT}; fails with the log's tail if the process ends. */
  static void awaitReady(Process process, BooleanSupplier ready, Path log) {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (!ready.getAsBoolean()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        stop(process);
        throw new IllegalStateException((process.isAlive() ? "not ready after " + START_LIMIT.toSeconds() + " s: "
            : "exited with " + process.exitValue() + ": ") + process.info().commandLine().orElse("server")
            + "\n" + tail(log));
      }
      sleep(50);
    }
  }

  static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGTERM to the process and its children, so shutdown hooks run; after 10 s, SIGKILL. */
  static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  static String tail(Path log) {
    try {
      String text = Files.exists(log) ? Files.readString(log) : "";
      return text.length() > 2_000 ? "…" + text.substring(text.length() - 2_000) : text;
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
