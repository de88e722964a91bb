package io.wschat.localchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.bootstrap.ChatApplication;
import io.wschat.bootstrap.ChatConfig;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.engines.RedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The local runner takes the Redis password from REDIS_PASSWORD or --redis-password-file, so that it is not on the
 * command line for ps to show; the URL it builds opens a redis-server that requires that password.
 */
class RedisPasswordTest {
  private static final String PASSWORD = "p w+%:@/ü";
  private final StringWriter err = new StringWriter();

  @TempDir
  Path dir;

  private LocalChatCommand parse(Map<String, String> environment, String... args) {
    CommandLine line = LocalChatCommand.commandLine().setErr(new PrintWriter(err, true));
    line.parseArgs(args);
    LocalChatCommand command = line.getCommand();
    command.environment = environment;
    return command;
  }

  @Test
  void the_password_from_the_environment_or_a_file_opens_redis_and_is_on_no_command_line() throws Exception {
    Path file = Files.writeString(dir.resolve("redis-password"), PASSWORD + "\n");
    try (RedisServer redis = RedisServer.start("--requirepass", PASSWORD)) {
      String[] args = {"--store", "redis", "--redis-url", redis.url()};
      Optional<String> fromEnvironment = parse(Map.of("REDIS_PASSWORD", PASSWORD), args).redisUrl();
      String[] withFile = {"--store", "redis", "--redis-url", redis.url(), "--redis-password-file", file.toString()};
      Optional<String> fromFile = parse(Map.of(), withFile).redisUrl();
      assertThat(String.join(" ", withFile)).doesNotContain(PASSWORD);
      assertThat(fromFile).isEqualTo(fromEnvironment);
      assertThat(err.toString()).isEmpty();

      try (ChatApplication chat = ChatApplication.wire(ChatConfig.from(Map.of(
          ChatConfig.CHAT_STORE, "redis", ChatConfig.REDIS_URL, fromEnvironment.orElseThrow())))) {
        chat.registry().register(new ConnectionId("c-1"), new UserId("alice"));
        assertThat(chat.registry().connectionsOf(new UserId("alice"))).containsExactly(new ConnectionId("c-1"));
      }
    }
  }

  @Test
  void a_user_in_the_url_keeps_its_name_and_gets_the_password() {
    assertThat(parse(Map.of("REDIS_PASSWORD", "s3cr3t"), "--redis-url", "rediss://chat@cache:6380/2").redisUrl())
        .contains("rediss://chat:s3cr3t@cache:6380/2");
    assertThat(parse(Map.of(), "--redis-url", "redis://cache:6379").redisUrl()).contains("redis://cache:6379");
  }

  @Test
  void a_password_in_the_url_still_works_with_a_warning_that_ps_shows_it() {
    assertThat(parse(Map.of(), "--redis-url", "redis://:s3cr3t@cache:6379").redisUrl())
        .contains("redis://:s3cr3t@cache:6379");
    assertThat(err.toString()).contains("the Redis password in --redis-url is visible to every user of this machine")
        .contains("REDIS_PASSWORD").doesNotContain("s3cr3t");
  }

  @Test
  void a_password_given_twice_is_refused_without_repeating_it() throws Exception {
    Path file = Files.writeString(dir.resolve("redis-password"), "from-file");
    assertThatThrownBy(() -> parse(Map.of("REDIS_PASSWORD", "from-env"), "--redis-url", "redis://cache:6379",
        "--redis-password-file", file.toString()).redisUrl())
        .hasMessageContaining("REDIS_PASSWORD and --redis-password-file both give the Redis password");
    assertThatThrownBy(() -> parse(Map.of("REDIS_PASSWORD", "from-env"), "--redis-url", "redis://:in-url@cache:6379")
        .redisUrl())
        .hasMessageContaining("--redis-url holds a password, and REDIS_PASSWORD gives another")
        .hasMessageNotContaining("in-url").hasMessageNotContaining("from-env");
    assertThatThrownBy(() -> parse(Map.of(), "--redis-url", "redis://cache:6379", "--redis-password-file",
        dir.resolve("missing").toString()).redisUrl())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be read");
  }
}
