package io.wschat.engines;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * {@code redis:7-alpine} under Testcontainers. The host port is chosen up front and bound to loopback, so a
 * killed container comes back on the same port. Ryuk removes the container even if this JVM dies.
 */
final class ContainerRedisServer implements RedisServer {
  private static final String IMAGE = "redis:7-alpine";
  private static final String HOST = "127.0.0.1";
  private static final int REDIS_PORT = 6379;

  private final GenericContainer<?> container;
  private final int port;

  private ContainerRedisServer(GenericContainer<?> container, int port) {
    this.container = container;
    this.port = port;
  }

  static ContainerRedisServer start(List<String> serverArgs) {
    int port = Ping.freeLoopbackPort();
    List<String> command = new ArrayList<>(List.of("redis-server", "--protected-mode", "no",
        "--save", "", "--appendonly", "no"));
    command.addAll(serverArgs);
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
        .withExposedPorts(REDIS_PORT)
        .withCommand(command.toArray(String[]::new))
        .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
            new PortBinding(Ports.Binding.bindIpAndPort(HOST, port), ExposedPort.tcp(REDIS_PORT))))
        .waitingFor(Wait.forListeningPort());
    container.start();
    ContainerRedisServer server = new ContainerRedisServer(container, port);
    server.awaitPing();
    return server;
  }

  @Override
  public String host() {
    return HOST;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String engine() {
    return "docker " + IMAGE;
  }

  @Override
  public void kill() {
    container.getDockerClient().killContainerCmd(container.getContainerId()).withSignal("SIGKILL").exec();
  }

  @Override
  public void restart() {
    container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
    awaitPing();
  }

  @Override
  public void freeze() {
    container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
  }

  @Override
  public void thaw() {
    container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
  }

  @Override
  public void close() {
    container.stop();
  }

  private void awaitPing() {
    Ping.await(IMAGE + " on port " + port, Duration.ofSeconds(30), () -> Ping.answers(HOST, port), () -> true);
  }
}
