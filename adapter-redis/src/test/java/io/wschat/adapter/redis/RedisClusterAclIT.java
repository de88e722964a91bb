package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.engines.RedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cluster whose nodes admit only one ACL user, as ElastiCache Serverless does: the adapters sign in as that user
 * on every node they discover, the password comes from elsewhere (as from REDIS_PASSWORD_SECRET), and no failure
 * message carries it.
 */
class RedisClusterAclIT {
  private static final String USER = "chat-app";
  private static final String PASSWORD = "cluster-pw-5e1d";
  private static RedisCluster cluster;

  @BeforeAll
  static void start() {
    cluster = RedisCluster.startWithAcl(USER, PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void the_acl_user_signs_in_on_every_node_it_finds_from_one_seed() {
    RedisSettings settings = RedisSettings.fromUrl("redis+cluster://" + USER + "@" + cluster.seeds().get(0), PASSWORD);
    try (RedisConnectionRegistry registry = RedisConnectionRegistry.create(settings)) {
      for (int i = 0; i < 50; i++) {
        registry.register(new ConnectionId("c" + i), new UserId("alice"));
      }
      assertThat(registry.connectionsOf(new UserId("alice"))).hasSize(50);
      RedisPing.ping(settings);
    }
  }

  @Test
  void a_wrong_password_fails_without_showing_it() {
    RedisSettings wrong = RedisSettings.fromUrl("redis+cluster://" + USER + "@" + cluster.seeds().get(0),
        "not-" + PASSWORD);
    assertThat(wrong.toString()).doesNotContain(PASSWORD);
    try (RedisConnectionRegistry registry = RedisConnectionRegistry.create(wrong)) {
      assertThatThrownBy(() -> registry.userOf(new ConnectionId("c1")))
          .isInstanceOf(RedisStoreException.class)
          .hasMessageContaining("WRONGPASS")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }
    RedisSettings none = RedisSettings.fromUrl("redis+cluster://" + cluster.seeds().get(0));
    assertThatThrownBy(() -> RedisPing.ping(none)).isInstanceOf(RedisStoreException.class)
        .hasMessageContaining("NOAUTH");
  }
}
