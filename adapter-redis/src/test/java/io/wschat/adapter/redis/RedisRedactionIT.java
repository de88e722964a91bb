package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wschat.engines.RedisServer;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Passwords in REDIS_URL stay out of logs, messages and toString, whether they are right or wrong. Jedis logs to
 * slf4j-simple at debug level here (see the failsafe configuration), and everything printed is captured.
 */
class RedisRedactionIT {
  private static final String ADMIN_PASSWORD = "Adm1n-S3cret-pw";
  private static final String APP_PASSWORD = "App-S3cret-pw";
  private static final String WRONG_PASSWORD = "Wr0ng-S3cret-pw";

  private static RedisServer server;

  @BeforeAll
  static void start() {
    server = RedisServer.start("--requirepass", ADMIN_PASSWORD,
        "--user", "chat-app", "on", ">" + APP_PASSWORD, "~*", "&*", "+@all");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void an_acl_user_and_the_default_user_both_authenticate() {
    for (String url : new String[] {
        "redis://chat-app:" + APP_PASSWORD + "@" + server.host() + ":" + server.port() + "/0",
        "redis://:" + ADMIN_PASSWORD + "@" + server.host() + ":" + server.port()}) {
      RedisSettings settings = RedisSettings.fromUrl(url);
      try (RedisConnectionRegistry registry = RedisConnectionRegistry.create(settings)) {
        registry.register(new ConnectionId("c1"), new UserId("alice"));
        assertThat(registry.userOf(new ConnectionId("c1"))).contains(new UserId("alice"));
      }
      assertThat(settings.toString()).doesNotContain(APP_PASSWORD, ADMIN_PASSWORD).contains(":***@");
    }
  }

  @Test
  void a_wrong_password_fails_without_showing_it_anywhere() {
    String url = "redis://chat-app:" + WRONG_PASSWORD + "@" + server.host() + ":" + server.port();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    RedisStoreException failure;
    RedisSettings settings;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      settings = RedisSettings.fromUrl(url);
      System.out.println(settings);
      try (RedisConnectionRegistry registry = RedisConnectionRegistry.create(settings)) {
        failure = catchThrowableOfType(RedisStoreException.class, () -> registry.userOf(new ConnectionId("c1")));
        catchThrowableOfType(RedisStoreException.class, () -> registry.register(new ConnectionId("c1"), new UserId("a")));
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
    }

    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains("WRONGPASS");
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).as("the whole stack trace, causes included").doesNotContain(WRONG_PASSWORD);
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(WRONG_PASSWORD);
    }
    String logs = printed.toString(StandardCharsets.UTF_8);
    assertThat(logs).as("what was printed and logged").contains("***").doesNotContain(WRONG_PASSWORD);
    System.out.println("captured " + logs.length() + " chars of output and logs: no password in them");
  }
}
