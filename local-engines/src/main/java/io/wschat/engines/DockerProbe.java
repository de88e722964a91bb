package io.wschat.engines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;

/**
 * Whether Docker answers, decided quickly. Testcontainers is asked only where a Docker socket or setting exists,
 * and for at most 20 s: without Docker it would otherwise try every strategy and log each failure. Testcontainers
 * is an optional dependency of this module, so a caller without it must not reach the probe with Docker hinted.
 */
final class DockerProbe {
  private static final long PROBE_SECONDS = 20;

  private DockerProbe() {}

  static boolean available() {
    if (!hinted()) {
      return false;
    }
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    Thread probe = new Thread(() -> {
      try {
        answer.complete(DockerClientFactory.instance().isDockerAvailable());
      } catch (Throwable t) {
        answer.complete(false); // no Testcontainers on the class path counts as no Docker
      }
    }, "docker-probe");
    probe.setDaemon(true);
    probe.start();
    try {
      return answer.get(PROBE_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean hinted() {
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
}
