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

  @Test
  void a_cluster_url_names_one_seed_or_several_and_tags_the_key_prefix() {
    RedisSettings one = RedisSettings.fromUrl("rediss+cluster://chat-app:" + SECRET
        + "@wschat-abc.serverless.use1.cache.amazonaws.com:6379");
    assertThat(one.cluster()).isTrue();
    assertThat(one.tls()).isTrue();
    assertThat(one.user()).isEqualTo("chat-app");
    assertThat(one.password()).isEqualTo(SECRET);
    assertThat(one.seeds()).containsExactly(new RedisSettings.Seed("wschat-abc.serverless.use1.cache.amazonaws.com", 6379));
    assertThat(one.redactedUrl())
        .isEqualTo("rediss+cluster://chat-app:***@wschat-abc.serverless.use1.cache.amazonaws.com:6379");

    RedisSettings several = RedisSettings.fromUrl("redis+cluster://10.0.0.1:7000,10.0.0.2,[::1]:7002/");
    assertThat(several.seeds()).containsExactly(new RedisSettings.Seed("10.0.0.1", 7000),
        new RedisSettings.Seed("10.0.0.2", 6379), new RedisSettings.Seed("::1", 7002));
    assertThat(several.host()).isEqualTo("10.0.0.1");
    assertThat(several.redactedUrl()).isEqualTo("redis+cluster://10.0.0.1:7000,10.0.0.2:6379,[::1]:7002");

    assertThat(several.clusterKeyPrefix()).isEqualTo("{wschat:}");
    assertThat(several.withKeyPrefix("{chat}:").clusterKeyPrefix()).isEqualTo("{chat}:");
    assertThat(several.withKeyPrefix("a{}b:").clusterKeyPrefix()).isEqualTo("{a{}b:}");
    assertThat(RedisSettings.fromUrl("redis://host").clusterKeyPrefix()).isEqualTo("wschat:");
  }

  @Test
  void a_password_kept_elsewhere_goes_with_the_user_the_url_names() {
    RedisSettings settings = RedisSettings.fromUrl("rediss+cluster://wschat-chat@cache.example:6379", SECRET);
    assertThat(settings.user()).isEqualTo("wschat-chat");
    assertThat(settings.password()).isEqualTo(SECRET);
    assertThat(RedisSettings.fromUrl("rediss://cache.example", SECRET).user()).isNull();
    assertThatThrownBy(() -> RedisSettings.fromUrl("rediss://u:other@cache.example", SECRET))
        .hasMessage(RedisSettings.HOLDS_A_PASSWORD);
    assertThatThrownBy(() -> RedisSettings.fromUrl("redis://wschat-chat@cache.example"))
        .hasMessageContaining("user info");
  }

  @Test
  void several_hosts_need_the_cluster_scheme_and_a_cluster_has_only_database_0() {
    assertThatThrownBy(() -> RedisSettings.fromUrl("redis://:" + SECRET + "@h1:7000,h2:7001"))
        .hasMessageContaining("redis+cluster://").hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> RedisSettings.fromUrl("redis+cluster://h1:7000/1"))
        .hasMessageContaining("only database 0");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "redis+cluster://:" + SECRET + "@h1:7000,,h2",
      "redis+cluster://:" + SECRET + "@h1:7000,h2:99999",
      "redis+cluster://:" + SECRET + "@h1:7000,h2?x=1",
      "redis+sentinel://:" + SECRET + "@h1",
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
