package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisSettingsTest {
  private static final String SECRET = "s3cr3t-Pa55";

  @Test
  void a_bare_url_takes_every_default() {
    RedisSettings settings = RedisSettings.fromUrl("redis://cache.internal");

    assertThat(settings.tls()).isFalse();
    assertThat(settings.host()).isEqualTo("cache.internal");
    assertThat(settings.port()).isEqualTo(6379);
    assertThat(settings.user()).isNull();
    assertThat(settings.password()).isNull();
    assertThat(settings.database()).isZero();
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.socketTimeout()).isEqualTo(Duration.ofMillis(1000));
    assertThat(settings.poolMaxWait()).isEqualTo(Duration.ofMillis(1000));
    assertThat(settings.keyPrefix()).isEqualTo("wschat:");
    assertThat(settings.connectionTtl()).isEqualTo(Duration.ofMinutes(130));
  }

  @Test
  void rediss_with_an_acl_user_and_a_database() {
    RedisSettings settings = RedisSettings.fromUrl("rediss://chat-app:p%40ss+w%3Ard@master.x.cache.amazonaws.com:6380/2");

    assertThat(settings.tls()).isTrue();
    assertThat(settings.user()).isEqualTo("chat-app");
    assertThat(settings.password()).isEqualTo("p@ss+w:rd");
    assertThat(settings.host()).isEqualTo("master.x.cache.amazonaws.com");
    assertThat(settings.port()).isEqualTo(6380);
    assertThat(settings.database()).isEqualTo(2);
  }

  @Test
  void a_password_without_a_user_authenticates_as_default() {
    RedisSettings settings = RedisSettings.fromUrl("REDIS://:" + SECRET + "@10.0.0.5:7000/");

    assertThat(settings.user()).isNull();
    assertThat(settings.password()).isEqualTo(SECRET);
    assertThat(settings.port()).isEqualTo(7000);
  }

  @Test
  void ipv6_hosts_lose_their_brackets() {
    assertThat(RedisSettings.fromUrl("redis://[::1]:6390").host()).isEqualTo("::1");
    assertThat(RedisSettings.fromUrl("redis://[::1]:6390").redactedUrl()).isEqualTo("redis://[::1]:6390/0");
  }

  @Test
  void the_password_never_shows_in_to_string_or_the_redacted_url() {
    RedisSettings settings = RedisSettings.fromUrl("rediss://alice:" + SECRET + "@host:6380/1");

    assertThat(settings.toString()).doesNotContain(SECRET).contains("rediss://alice:***@host:6380/1");
    assertThat(settings.redactedUrl()).isEqualTo("rediss://alice:***@host:6380/1");
    assertThat(RedisSettings.fromUrl("redis://:" + SECRET + "@host").redactedUrl()).isEqualTo("redis://:***@host:6379/0");
    assertThat(RedisSettings.fromUrl("redis://host").redactedUrl()).isEqualTo("redis://host:6379/0");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://:" + SECRET + "@host",
      "redis://:" + SECRET + "@host?timeout=5",
      "redis://:" + SECRET + "@host/db0",
      "redis://" + SECRET + "@host",
      "redis://user:" + SECRET + " with space@host",
      "redis://user:" + SECRET + "%zz@host",
      "redis://:" + SECRET + "@/0",
      "redis://user:@host",
      "",
  })
  void a_bad_url_is_refused_without_repeating_it(String url) {
    assertThatThrownBy(() -> RedisSettings.fromUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Redis URL")
        .hasMessageNotContaining(SECRET)
        .hasNoCause();
  }

  @Test
  void timeouts_prefix_and_ttl_can_be_changed_and_are_checked() {
    RedisSettings settings = RedisSettings.fromUrl("redis://host")
        .withTimeouts(Duration.ofMillis(100), Duration.ofMillis(200))
        .withPool(2, Duration.ofMillis(50))
        .withKeyPrefix("{chat}:")
        .withConnectionTtl(Duration.ofSeconds(2));

    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(100));
    assertThat(settings.socketTimeout()).isEqualTo(Duration.ofMillis(200));
    assertThat(settings.poolMaxTotal()).isEqualTo(2);
    assertThat(settings.poolMaxWait()).isEqualTo(Duration.ofMillis(50));
    assertThat(settings.keyPrefix()).isEqualTo("{chat}:");
    assertThat(settings.connectionTtl()).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> settings.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> settings.withTimeouts(Duration.ofSeconds(1), Duration.ofNanos(1)))
        .hasMessageContaining("socketTimeout");
    assertThatThrownBy(() -> settings.withKeyPrefix("a b")).hasMessageContaining("whitespace");
    assertThatThrownBy(() -> settings.withPool(0, Duration.ofSeconds(1))).hasMessageContaining("poolMaxTotal");
  }
}
