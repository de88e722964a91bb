package io.wschat.engines;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.net.URI;
import java.util.Set;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/** DynamoDB Local as its Docker image, through Testcontainers, published on loopback only when Docker is local. */
final class DockerDynamoDbLocal implements DynamoDbServer {
  // Keep equal to dynamodb-local.version in the parent pom, so both engines are the same DynamoDB Local.
  static final String IMAGE = "amazon/dynamodb-local:3.3.1";
  private static final int PORT = 8000;

  private final GenericContainer<?> container;

  private DockerDynamoDbLocal(GenericContainer<?> container) {
    this.container = container;
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
  public void close() {
    container.stop();
  }
}
