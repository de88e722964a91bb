package io.wschat.adapter.dynamodb;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/** DynamoDB Local as its Docker image, through Testcontainers, published on loopback only when Docker is local. */
final class DockerDynamoDbLocal implements DynamoDbTestEngine.Engine {
  // Keep equal to dynamodb-local.version in the parent pom, so both engines are the same DynamoDB Local.
  static final String IMAGE = "amazon/dynamodb-local:3.3.1";
  private static final int PORT = 8000;

  private final GenericContainer<?> container;

  private DockerDynamoDbLocal(GenericContainer<?> container) {
    this.container = container;
  }

  /**
   * Whether a Docker engine answers. Testcontainers is asked only where a Docker socket or setting exists, and
   * for at most 20 s: without Docker it would otherwise try every strategy and log each failure.
   */
  static boolean available() {
    if (!dockerHinted()) {
      return false;
    }
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    Thread probe = new Thread(() -> {
      try {
        answer.complete(DockerClientFactory.instance().isDockerAvailable());
      } catch (Throwable t) {
        answer.complete(false);
      }
    }, "docker-probe");
    probe.setDaemon(true);
    probe.start();
    try {
      return answer.get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean dockerHinted() {
    boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("windows");
    if (System.getenv("DOCKER_HOST") != null || windows) {
      return true;
    }
    Path home = Path.of(System.getProperty("user.home"));
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    return Stream.of(Path.of("/var/run/docker.sock"), home.resolve(".docker/run/docker.sock"),
            home.resolve(".testcontainers.properties"), home.resolve(".colima/default/docker.sock"),
            home.resolve(".rd/docker.sock"), Path.of(runtime == null ? "/nonexistent" : runtime, "docker.sock"))
        .anyMatch(Files::exists);
  }

  static DockerDynamoDbLocal start() {
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
        .withExposedPorts(PORT)
        .withCommand("-jar", "DynamoDBLocal.jar", "-inMemory", "-disableTelemetry");
    String dockerHost = DockerClientFactory.instance().dockerHostIpAddress();
    if (Set.of("localhost", "127.0.0.1").contains(dockerHost)) {
      container.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
          new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(PORT))));
    }
    container.start(); // Testcontainers' reaper removes it even if this JVM dies without running hooks
    return new DockerDynamoDbLocal(container);
  }

  @Override
  public URI endpoint() {
    return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(PORT));
  }

  @Override
  public String description() {
    return "DynamoDB Local in Docker (" + IMAGE + ")";
  }

  @Override
  public void stop() {
    container.stop();
  }
}
