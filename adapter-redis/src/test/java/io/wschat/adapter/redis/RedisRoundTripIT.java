package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry's round-trip budget, from the server's own books ({@link ServerBooks}). */
class RedisRoundTripIT {
  private static ServerBooks books;
  private static RedisConnectionRegistry registry;

  @BeforeAll
  static void start() {
    books = new ServerBooks();
    registry = RedisConnectionRegistry.create(RedisSettings.fromUrl(books.url()));
  }

  @BeforeEach
  void warmUp() {
    // As in any call after the first: the pool's connection is open and the server has cached the scripts.
    registry.register(new ConnectionId("warm"), new UserId("warm"));
    registry.connectionsOf(new UserId("warm"));
    registry.unregister(new ConnectionId("warm"));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (books != null) {
      books.close();
    }
  }

  @Test
  void every_operation_is_one_request() {
    ConnectionId c1 = new ConnectionId("rt-c1");
    UserId alice = new UserId("rt-alice");
    UserId bob = new UserId("rt-bob");
    String[] register = {"evalsha", "time", "get", "set", "zadd", "zremrangebyscore", "zrange", "pexpireat"};

    books.expect("register", () -> registry.register(c1, alice), "evalsha", register);
    books.expect("register again", () -> registry.register(c1, alice), "evalsha", register);
    books.expect("register under another user", () -> registry.register(c1, bob), "evalsha",
        "evalsha", "time", "get", "zrem", "set", "zadd", "zremrangebyscore", "zrange", "pexpireat");
    books.expect("userOf", () -> assertThat(registry.userOf(c1)).contains(bob), "get", "get");
    books.expect("connectionsOf", () -> assertThat(registry.connectionsOf(bob)).containsExactly(c1), "evalsha",
        "evalsha", "time", "zremrangebyscore", "zrange");
    books.expect("connectionsOf a user with none", () -> assertThat(registry.connectionsOf(alice)).isEmpty(),
        "evalsha", "evalsha", "time", "zremrangebyscore", "zrange");
    books.expectChecked("unregister", () -> assertThat(registry.unregister(c1)).contains(bob), "evalsha",
        "evalsha", "get", "del", "zrem");
    books.expectChecked("unregister an unknown id", () -> assertThat(registry.unregister(c1)).isEmpty(), "evalsha",
        "evalsha", "get");
    books.expect("userOf an unknown id", () -> assertThat(registry.userOf(c1)).isEmpty(), "get", "get");
  }

  @Test
  void a_server_that_forgot_the_scripts_costs_one_extra_request_once() {
    ConnectionId c2 = new ConnectionId("rt-c2");
    UserId carol = new UserId("rt-carol");
    books.forgetScripts();

    assertThat(books.measure(() -> registry.register(c2, carol)).requests()).containsExactly("evalsha", "eval");
    assertThat(books.measure(() -> registry.register(c2, carol)).requests()).containsExactly("evalsha");
    assertThat(registry.connectionsOf(carol)).containsExactly(c2);
  }
}
