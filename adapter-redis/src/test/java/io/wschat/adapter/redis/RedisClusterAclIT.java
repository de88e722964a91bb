package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.SendRate;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.MessageLog.Cursor;
import io.wschat.domain.port.MessageLog.NewMessage;
import io.wschat.domain.port.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import io.wschat.domain.model.UserId;
import io.wschat.engines.RedisCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cluster whose nodes turn the default user off, as ElastiCache does, and know the chat's user with exactly the
 * access string docs/deploy.md gives it: the adapters sign in as that user on every node they discover, every
 * operation is allowed, the password comes from elsewhere (as from REDIS_PASSWORD_SECRET), and no failure message
 * carries it.
 */
class RedisClusterAclIT {
  private static final String ADMIN = "admin";
  private static final String USER = "chat-app";
  private static final String PASSWORD = "cluster-pw-5e1d";
  private static RedisCluster cluster;

  @BeforeAll
  static void start() throws IOException {
    // The chat's user gets exactly the access string docs/deploy.md gives the ElastiCache user.
    List<String> chat = new ArrayList<>(List.of(USER, ">" + PASSWORD));
    chat.addAll(List.of(documentedAccessString().split(" ")));
    cluster = RedisCluster.startWithAcl(ADMIN, "admin-pw-77aa", List.of(chat));
  }

  /** The access string of the user that docs/deploy.md creates for the chat. */
  static String documentedAccessString() throws IOException {
    Matcher m = Pattern.compile("--access-string '([^']*\\{wschat:}[^']*)'")
        .matcher(Files.readString(Path.of("..", "docs", "deploy.md")));
    assertThat(m.find()).as("docs/deploy.md creates a user with an access string for {wschat:}").isTrue();
    return m.group(1);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void the_acl_user_signs_in_on_every_node_it_finds_from_one_seed_and_may_do_every_operation() {
    RedisSettings settings = RedisSettings.fromUrl("redis+cluster://" + USER + "@" + cluster.seeds().get(0), PASSWORD);
    UserId alice = new UserId("alice");
    UserId bob = new UserId("bob");
    try (RedisConnectionRegistry registry = RedisConnectionRegistry.create(settings);
        RedisMessageLog log = RedisMessageLog.create(settings, Clock.systemUTC(), Duration.ofDays(1));
        RedisRateLimiter limiter = RedisRateLimiter.create(settings, SendRate.DEFAULT)) {
      for (int i = 0; i < 50; i++) {
        registry.register(new ConnectionId("c" + i), alice);
      }
      registry.register(new ConnectionId("c0"), bob);
      assertThat(registry.connectionsOf(alice)).hasSize(49);
      assertThat(registry.userOf(new ConnectionId("c0"))).contains(bob);
      assertThat(registry.unregister(new ConnectionId("c0"))).contains(bob);

      LoggedMessage m = ((MessageLog.Appended.Stored) log.append(new NewMessage(new MessageId("m1"), alice, bob,
          new MessageText("hi"), Instant.now()))).message();
      Conversation conversation = m.conversation();
      assertThat(log.history(conversation, OptionalLong.empty(), 10).messages()).containsExactly(m);
      assertThat(log.find(conversation, m.id())).contains(m);
      assertThat(log.pending(bob, 10).messages()).containsExactly(m);
      assertThat(log.deliveredLive(m)).isTrue();
      assertThat(log.advance(bob, conversation, Cursor.READ, 1)).isTrue();
      assertThat(log.cursors(bob, conversation)).isEqualTo(new MessageLog.Cursors(1, 1));
      assertThat(log.conversations(bob, 10)).hasSize(1);
      assertThat(limiter.acquire(alice, Instant.now())).isEqualTo(RateLimiter.Decision.ALLOWED);
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
