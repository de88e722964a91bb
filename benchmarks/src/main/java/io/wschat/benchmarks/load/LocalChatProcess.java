package io.wschat.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local chat as users run it: {@code ./run-local.sh} is {@code java -jar <RUNNER_JAR> [options]} from the
 * repository root, so this is the same command in a JVM of its own, with no JVM flag or system property a user
 * would not have; only the port (free, loopback) and the store are chosen, and the send limit is off.
 */
public final class LocalChatProcess implements ChatServer {
  /** What run-local.sh runs, relative to the repository root: the one place to repoint when the runner moves. */
  public static final String RUNNER_JAR = "local-chat/target/wschat-local.jar";

  public enum Store {
    MEMORY,
    REDIS,
    DYNAMODB
  }

  private static final Pattern POSTS = Pattern.compile("\"postToConnection\":(\\d+)");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final double startSeconds;

  private LocalChatProcess(Process process, int port, double startSeconds) {
    this.process = process;
    this.port = port;
    this.startSeconds = startSeconds;
  }

  /** Starts each time it is called; {@code redisUrl} only with {@link Store#REDIS}. The runner's default retention. */
  public static ChatServer.Factory factory(Path repository, Store store, Optional<String> redisUrl) {
    return factory(repository, store, redisUrl, Optional.empty());
  }

  /** As above, with {@code --retention} when given: an ISO-8601 duration, or {@code none} for the log off. */
  public static ChatServer.Factory factory(Path repository, Store store, Optional<String> redisUrl,
      Optional<String> retention) {
    Path jar = repository.resolve(RUNNER_JAR);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no runner jar at " + jar + "; build it first: ./mvnw -q -pl benchmarks -am"
          + " package -DskipTests");
    }
    return () -> start(repository, jar, store, redisUrl, retention);
  }

  private static ChatServer start(Path repository, Path jar, Store store, Optional<String> redisUrl,
      Optional<String> retention) {
    int port = ServerProcess.freePort();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "--port", Integer.toString(port), "--store", store.name().toLowerCase(Locale.ROOT)));
    redisUrl.ifPresent(url -> command.addAll(List.of("--redis-url", url)));
    retention.ifPresent(r -> command.addAll(List.of("--retention", r)));
    // The load measures what the chat can do; the template's stage throttling would measure the template instead.
    command.add("--no-throttling");
    // These runs measure throughput, with single users sending far over the default 10 a second; the limiter's own
    // cost per send is measured on its own (docs/performance.md).
    command.addAll(List.of("--messages-per-second", "none"));
    Path log = repository.resolve("benchmarks/target/load/wschat-local-" + port + ".log");
    long started = System.nanoTime();
    Process process = ServerProcess.start(new ProcessBuilder(command).directory(repository.toFile()), log);
    LocalChatProcess server = new LocalChatProcess(process, port, 0);
    ServerProcess.awaitReady(process, () -> server.postToConnection().isPresent(), log);
    return new LocalChatProcess(process, port, (System.nanoTime() - started) / 1e9);
  }

  @Override
  public String name() {
    return "wschat";
  }

  @Override
  public URI webSocketUri() {
    return URI.create("ws://127.0.0.1:" + port + "/local");
  }

  /** From the gateway's loopback-only {@code /@local/metrics}; empty while it does not answer. */
  @Override
  public OptionalLong postToConnection() {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/@local/metrics")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      Matcher posts = POSTS.matcher(response.body());
      return response.statusCode() == 200 && posts.find() ? OptionalLong.of(Long.parseLong(posts.group(1)))
          : OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  @Override
  public double startSeconds() {
    return startSeconds;
  }

  @Override
  public void close() {
    ServerProcess.stop(process);
  }
}
