package io.wschat.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The reference: serverless-offline 13 (on the serverless v3 CLI, which needs no login) running
 * {@code benchmarks/peer/handler.js}, the same chat and wire protocol as a user's Node handler. Its dependencies are
 * installed with {@code npm ci} from the committed lock file, once per machine (see {@link #prepare}).
 */
public final class ServerlessOffline implements ChatServer {
  /** What to install when node or npm is missing, said once. */
  public static final String INSTALL = "Node.js 18 or later with npm (Debian/Ubuntu: sudo apt-get install nodejs npm;"
      + " or https://nodejs.org)";

  private static final List<String> FILES = List.of("package.json", "package-lock.json", "serverless.yml", "handler.js");

  private final Process process;
  private final int port;
  private final double startSeconds;

  private ServerlessOffline(Process process, int port, double startSeconds) {
    this.process = process;
    this.port = port;
    this.startSeconds = startSeconds;
  }

  /**
   * Installs the peer if needed and returns its factory; throws {@link Unavailable} with what to install when
   * node or npm is missing or npm ci fails. The install is kept per machine, not per build, in
   * {@link #installDirectory}: the first run on a machine downloads it from the npm registry, later runs (a clean
   * clone, {@code mvn clean}) reuse it and need no network.
   */
  public static ChatServer.Factory prepare(Path repository) {
    Path source = repository.resolve("benchmarks/peer");
    Path logs = repository.resolve("benchmarks/target/peer");
    if (!runs(List.of("node", "--version")) || !runs(List.of("npm", "--version"))) {
      throw new Unavailable("node and npm are needed for the serverless-offline reference; install " + INSTALL);
    }
    try {
      Files.createDirectories(logs);
      Path installed = installDirectory(System.getenv(), System.getProperty("user.home"),
          Files.readAllBytes(source.resolve("package-lock.json")));
      if (!Files.isDirectory(installed.resolve("node_modules"))) {
        install(source, installed, logs);
      }
      // The handler and the service may change without the lock changing: they are copied every time.
      for (String file : FILES) {
        Files.copy(source.resolve(file), installed.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
      return () -> start(installed, logs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the serverless-offline reference", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while installing the peer");
    }
  }

  /**
   * Where the peer is installed: {@code $XDG_CACHE_HOME/wschat} (else {@code ~/.cache/wschat}), one folder per
   * lock file, so that a changed lock installs afresh and two checkouts of the same lock share one install.
   */
  public static Path installDirectory(Map<String, String> environment, String home, byte[] lock) {
    String cache = environment.get("XDG_CACHE_HOME");
    Path root = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(home, ".cache");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(lock);
      return root.resolve("wschat").resolve("serverless-offline-" + HexFormat.of().formatHex(digest, 0, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * {@code npm ci} in a fresh folder beside the target, moved into place only once it succeeded: a failed or
   * interrupted install leaves nothing that a later run would take for a good one, and two builds installing at
   * once each finish (the second move finds the first's folder and drops its own).
   */
  private static void install(Path source, Path installed, Path logs) throws IOException, InterruptedException {
    Files.createDirectories(installed.getParent());
    Path fresh = Files.createTempDirectory(installed.getParent(), installed.getFileName() + ".installing-");
    for (String file : FILES) {
      Files.copy(source.resolve(file), fresh.resolve(file));
    }
    Path log = logs.resolve("npm-ci.log");
    Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(fresh.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
      npm.destroyForcibly();
      delete(fresh);
      throw new Unavailable("npm ci for the serverless-offline reference failed (log: " + log + "):\n"
          + ServerProcess.tail(log));
    }
    try {
      Files.move(fresh, installed, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      delete(fresh); // another build installed the same lock meanwhile
    }
  }

  private static void delete(Path tree) throws IOException {
    try (Stream<Path> paths = Files.walk(tree)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static ChatServer start(Path installed, Path logs) {
    int port = ServerProcess.freePort();
    int httpPort = ServerProcess.freePort();
    int lambdaPort = ServerProcess.freePort();
    ProcessBuilder builder = new ProcessBuilder("node", "node_modules/serverless/bin/serverless.js", "offline", "start",
        "--websocketPort", Integer.toString(port), "--httpPort", Integer.toString(httpPort),
        "--lambdaPort", Integer.toString(lambdaPort)).directory(installed.toFile());
    builder.environment().put("MANAGEMENT_ENDPOINT", "http://127.0.0.1:" + port);
    // Loopback only: no telemetry or update notices from the serverless CLI.
    builder.environment().put("SLS_TELEMETRY_DISABLED", "1");
    builder.environment().put("SLS_NOTIFICATIONS_MODE", "off");
    Path log = logs.resolve("serverless-offline-" + port + ".log");
    long started = System.nanoTime();
    Process process = ServerProcess.start(builder, log);
    ServerProcess.awaitReady(process, () -> ServerProcess.listening(port), log);
    return new ServerlessOffline(process, port, (System.nanoTime() - started) / 1e9);
  }

  private static boolean runs(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String name() {
    return "serverless-offline";
  }

  @Override
  public URI webSocketUri() {
    return URI.create("ws://127.0.0.1:" + port);
  }

  /** serverless-offline counts nothing; its handler posts exactly twice per 1:1 message, by construction. */
  @Override
  public OptionalLong postToConnection() {
    return OptionalLong.empty();
  }

  @Override
  public double startSeconds() {
    return startSeconds;
  }

  @Override
  public void close() {
    ServerProcess.stop(process);
  }

  /** The peer cannot run here; the message says why and what to install. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }
}
