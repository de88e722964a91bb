package io.wschat.engines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Picks the engine. Docker is probed only when a Docker endpoint is configured, so a machine without it never waits. */
final class Engines {
  private Engines() {}

  static RedisServer start(List<String> serverArgs) {
    String forced = Optional.ofNullable(System.getProperty("wschat.redis.engine"))
        .or(() -> Optional.ofNullable(System.getenv("WSCHAT_REDIS_ENGINE")))
        .map(s -> s.strip().toLowerCase(Locale.ROOT))
        .orElse("auto");
    switch (forced) {
      case "docker":
        return ContainerRedisServer.start(serverArgs);
      case "binary":
        return LocalRedisServer.start(binary().orElseThrow(Engines::nothingToRun), serverArgs);
      case "auto":
        if (DockerProbe.available()) {
          return ContainerRedisServer.start(serverArgs);
        }
        return LocalRedisServer.start(binary().orElseThrow(Engines::nothingToRun), serverArgs);
      default:
        throw new IllegalStateException("WSCHAT_REDIS_ENGINE must be docker, binary or auto, got " + forced);
    }
  }

  /** {@code REDIS_SERVER} if set, else redis-server on the PATH or in the usual places. */
  static Optional<Path> binary() {
    String explicit = System.getenv("REDIS_SERVER");
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
    }
    Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "redis-server"));
    Stream<Path> usual = Stream.of(Path.of("/usr/bin/redis-server"), Path.of("/usr/local/bin/redis-server"),
        Path.of("/opt/homebrew/bin/redis-server"));
    return Stream.concat(onPath, usual).filter(Files::isExecutable).findFirst();
  }

  private static IllegalStateException nothingToRun() {
    return new IllegalStateException("The Redis tests need a real Redis and found none: no Docker endpoint answered and"
        + " no redis-server binary is installed. Install one with `apt-get install -y redis-server` (Debian/Ubuntu)"
        + " or `brew install redis`, point REDIS_SERVER at a redis-server binary, or start Docker.");
  }
}
