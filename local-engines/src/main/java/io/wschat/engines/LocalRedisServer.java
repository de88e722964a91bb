package io.wschat.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * A redis-server process of our own: loopback only, a free port, its own temporary directory, no persistence.
 * A JVM shutdown hook kills it and deletes the directory, so even a crashed test run leaves nothing behind.
 */
final class LocalRedisServer implements RedisServer {
  private static final String HOST = "127.0.0.1";
  private static final Duration START_LIMIT = Duration.ofSeconds(10);

  /** A certificate and its key, in PEM files; the certificate is its own CA. */
  record Tls(Path certificate, Path key) {}

  private final Tls tls;
  private final Path binary;
  private final List<String> serverArgs;
  private final Path dir;
  private final Thread cleanup;
  private int port;
  private Process process;

  private LocalRedisServer(Path binary, List<String> serverArgs, Path dir, Tls tls) {
    this.tls = tls;
    this.binary = binary;
    this.serverArgs = List.copyOf(serverArgs);
    this.dir = dir;
    this.cleanup = new Thread(this::destroy, "redis-server-cleanup");
  }

  static LocalRedisServer start(Path binary, List<String> serverArgs) {
    return start(binary, serverArgs, Ping::freeLoopbackPort);
  }

  /** As above, on a port from {@code ports}: a cluster node also needs its port + 10000 free, for the bus. */
  static LocalRedisServer start(Path binary, List<String> serverArgs, IntSupplier ports) {
    return start(binary, serverArgs, ports, null);
  }

  /** As above; with {@code tls}, the port speaks TLS only, with that certificate, and no plain port is open. */
  static LocalRedisServer start(Path binary, List<String> serverArgs, IntSupplier ports, Tls tls) {
    Path dir;
    try {
      dir = Files.createTempDirectory("wschat-redis-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LocalRedisServer server = new LocalRedisServer(binary, serverArgs, dir, tls);
    Runtime.getRuntime().addShutdownHook(server.cleanup);
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      server.port = ports.getAsInt();
      try {
        server.launch();
        return server;
      } catch (IllegalStateException e) {
        last = e; // most likely someone took the port between our probe and redis-server's bind
      }
    }
    server.close();
    throw last;
  }

  @Override
  public String host() {
    return HOST;
  }

  @Override
  public synchronized int port() {
    return port;
  }

  @Override
  public String engine() {
    return binary.toString();
  }

  /** Whether its process is up: not killed, or restarted since. */
  synchronized boolean running() {
    return process != null && process.isAlive();
  }

  @Override
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly(); // SIGKILL on Unix
      waitForExit(process);
      process = null;
    }
  }

  @Override
  public synchronized void restart() {
    kill();
    launch();
  }

  @Override
  public synchronized void freeze() {
    signal("-STOP");
  }

  @Override
  public synchronized void thaw() {
    signal("-CONT");
  }

  @Override
  public void close() {
    destroy();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or ran: nothing left to do
    }
  }

  private synchronized void destroy() {
    if (process != null) {
      signal("-CONT"); // a stopped process would not die until continued on some kernels
      kill();
    }
    deleteDir();
  }

  private void launch() {
    List<String> command = new ArrayList<>(List.of(binary.toString(),
        "--port", Integer.toString(port), "--bind", HOST, "--protected-mode", "yes",
        "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no", "--logfile", ""));
    if (tls != null) {
      command.addAll(List.of("--port", "0", "--tls-port", Integer.toString(port),
          "--tls-cert-file", tls.certificate().toString(), "--tls-key-file", tls.key().toString(),
          "--tls-ca-cert-file", tls.certificate().toString(), "--tls-auth-clients", "no",
          "--tls-replication", "yes", "--tls-cluster", "yes"));
    }
    command.addAll(serverArgs);
    Path log = dir.resolve("redis.log");
    try {
      process = new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + binary + ": " + e.getMessage(), e);
    }
    Process started = process;
    try {
      // A TLS port would need a handshake to answer PING; that it accepts connections is enough here.
      Ping.await("redis-server on port " + port, START_LIMIT,
          () -> tls == null ? Ping.answers(HOST, port) : Ping.listens(HOST, port), started::isAlive);
    } catch (IllegalStateException e) {
      started.destroyForcibly();
      waitForExit(started);
      process = null;
      throw new IllegalStateException(e.getMessage() + "; its log ends with:\n" + tail(log), e);
    }
  }

  private void signal(String signal) {
    if (process == null) {
      return;
    }
    try {
      Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void waitForExit(Process p) {
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-server " + p.pid() + " did not exit after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void deleteDir() {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless; the server itself is already gone
    }
  }
}
