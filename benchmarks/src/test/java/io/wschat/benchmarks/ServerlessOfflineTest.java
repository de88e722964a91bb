package io.wschat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.benchmarks.load.ServerlessOffline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The peer is installed once per machine and lock file, so that a clean build needs no network. */
class ServerlessOfflineTest {
  private static final byte[] LOCK = "{\"lockfileVersion\": 3}".getBytes(StandardCharsets.UTF_8);

  @Test
  void installs_under_the_user_cache_in_a_folder_named_for_the_lock() {
    Path dir = ServerlessOffline.installDirectory(Map.of(), "/home/ada", LOCK);

    assertThat(dir.getParent()).isEqualTo(Path.of("/home/ada/.cache/wschat"));
    assertThat(dir.getFileName().toString()).matches("serverless-offline-[0-9a-f]{16}");
    assertThat(ServerlessOffline.installDirectory(Map.of(), "/home/ada", LOCK)).isEqualTo(dir);
  }

  @Test
  void a_changed_lock_installs_afresh() {
    byte[] other = "{\"lockfileVersion\": 3, \"x\": 1}".getBytes(StandardCharsets.UTF_8);

    assertThat(ServerlessOffline.installDirectory(Map.of(), "/home/ada", other))
        .isNotEqualTo(ServerlessOffline.installDirectory(Map.of(), "/home/ada", LOCK));
  }

  @Test
  void xdg_cache_home_wins_when_set() {
    assertThat(ServerlessOffline.installDirectory(Map.of("XDG_CACHE_HOME", "/var/cache/ci"), "/home/ada", LOCK)
        .getParent()).isEqualTo(Path.of("/var/cache/ci/wschat"));
    assertThat(ServerlessOffline.installDirectory(Map.of("XDG_CACHE_HOME", " "), "/home/ada", LOCK).getParent())
        .isEqualTo(Path.of("/home/ada/.cache/wschat"));
  }
}
