package io.wschat.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The reference: serverless-offline 13 (on the serverless v3 CLI, which needs no login) running
 * {@code benchmarks/peer/handler.js}, the same chat and wire protocol as a user's Node handler. Its dependencies are
 * installed with {@code npm ci} into {@code benchmarks/target/peer} on first use, from the committed lock file.
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
   * node or npm is missing or npm ci fails.
   */
  public static ChatServer.Factory prepare(Path repository) {
    Path source = repository.resolve("benchmarks/peer");
    Path build = repository.resolve("benchmarks/target/peer");
    if (!runs(List.of("node", "--version")) || !runs(List.of("npm", "--version"))) {
      throw new Unavailable("node and npm are needed for the serverless-offline reference; install " + INSTALL);
    }
    try {
      Files.createDirectories(build);
      Path stamp = build.resolve("node_modules/.wschat-lock");
      String lock = Files.readString(source.resolve("package-lock.json"));
      for (String file : FILES) {
        Files.copy(source.resolve(file), build.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
      if (!Files.exists(stamp) || !Files.readString(stamp).equals(lock)) {
        Path log = build.resolve("npm-ci.log");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(build.toFile())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
          npm.destroyForcibly();
          throw new Unavailable("npm ci in " + build + " failed:\n" + ServerProcess.tail(log));
        }
        Files.writeString(stamp, lock);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + build, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while installing the peer");
    }
    return () -> start(build);
  }

  private static ChatServer start(Path build) {
    int port = ServerProcess.freePort();
    int httpPort = ServerProcess.freePort();
    int lambdaPort = ServerProcess.freePort();
    ProcessBuilder builder = new ProcessBuilder("node", "node_modules/serverless/bin/serverless.js", "offline", "start",
        "--websocketPort", Integer.toString(port), "--httpPort", Integer.toString(httpPort),
        "--lambdaPort", Integer.toString(lambdaPort)).directory(build.toFile());
    builder.environment().put("MANAGEMENT_ENDPOINT", "http://127.0.0.1:" + port);
    // Loopback only: no telemetry or update notices from the serverless CLI.
    builder.environment().put("SLS_TELEMETRY_DISABLED", "1");
    builder.environment().put("SLS_NOTIFICATIONS_MODE", "off");
    Path log = build.resolve("serverless-offline-" + port + ".log");
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
