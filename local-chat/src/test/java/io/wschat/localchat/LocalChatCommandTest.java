package io.wschat.localchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Settings the runner refuses end with a message and exit code 2, before anything starts. */
class LocalChatCommandTest {
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine command = LocalChatCommand.commandLine();
    command.setErr(new PrintWriter(err, true));
    command.setOut(new PrintWriter(new StringWriter(), true));
    return command.execute(args);
  }

  @Test
  void a_concurrency_below_one_is_refused_in_one_line_and_a_pointer_to_help() {
    assertThat(run("--port", "0", "--concurrency", "0")).isEqualTo(2);
    assertThat(lines()).containsExactly("wschat-local: --concurrency must be at least 1, got 0",
        "Try 'wschat-local --help' for more.");
  }

  @Test
  void an_unreachable_redis_ends_within_five_seconds_with_one_line_naming_the_flag_and_the_address() {
    long start = System.nanoTime();
    assertThat(run("--port", "0", "--store", "redis", "--redis-url", "redis://127.0.0.1:1")).isEqualTo(2);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(lines()).singleElement().asString()
        .startsWith("wschat-local: cannot reach Redis at 127.0.0.1:1 (--redis-url): ")
        .containsIgnoringCase("refused");
  }

  @Test
  void an_unreachable_redis_cluster_ends_the_same_way_naming_every_seed() {
    long start = System.nanoTime();
    assertThat(run("--port", "0", "--store", "redis", "--redis-url", "redis+cluster://127.0.0.1:1,127.0.0.1:2"))
        .isEqualTo(2);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(lines()).singleElement().asString()
        .startsWith("wschat-local: cannot reach the Redis Cluster at 127.0.0.1:1,127.0.0.1:2 (--redis-url): ");
  }

  @Test
  void a_bad_option_value_is_one_line_with_a_hint_not_the_usage() {
    assertThat(run("--store", "mysql")).isEqualTo(2);
    assertThat(lines()).hasSize(2);
    assertThat(lines().get(0)).startsWith("wschat-local: ").contains("'--store'").contains("mysql")
        .contains("MEMORY, DYNAMODB, REDIS");
    assertThat(err.toString()).doesNotContain("Usage:");
  }

  @Test
  void a_misspelt_option_is_one_line_with_what_was_meant() {
    assertThat(run("--stroe", "redis")).isEqualTo(2);
    assertThat(lines().get(0)).contains("--stroe").contains("did you mean").contains("--store");
    assertThat(err.toString()).doesNotContain("Usage:");
  }

  @ParameterizedTest
  @CsvSource({"30s, PT30S", "10m, PT10M", "2h, PT2H", "1d, PT24H", "PT10M, PT10M", "pt1h30m, PT1H30M"})
  void durations_are_written_as_people_write_them_or_in_iso(String written, String meant) {
    LocalChatCommand command = parse("--idle-timeout", written, "--max-duration", written);
    assertThat(command.idleTimeout).isEqualTo(Duration.parse(meant));
    assertThat(command.maxDuration).isEqualTo(Duration.parse(meant));
  }

  @Test
  void a_bad_duration_says_how_to_write_one() {
    assertThat(run("--idle-timeout", "10 minutes")).isEqualTo(2);
    assertThat(lines()).containsExactly(
        "wschat-local: Invalid value for option '--idle-timeout': '10 minutes' is not a duration;"
            + " write 30s, 10m, 2h, 1d or ISO-8601 PT10M",
        "Try 'wschat-local --help' for more.");
  }

  @Test
  void a_missing_template_is_one_line() {
    assertThat(run("--port", "0", "--template", "nope.yaml")).isEqualTo(2);
    assertThat(lines().get(0)).startsWith("wschat-local: --template nope.yaml: no such file");
    assertThat(lines()).hasSize(2);
  }

  @Test
  void a_template_that_is_not_yaml_is_one_line(@TempDir Path dir) throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "Resources: [\n");
    assertThat(run("--port", "0", "--template", broken.toString())).isEqualTo(2);
    assertThat(lines()).singleElement().asString().startsWith("wschat-local: --template: ").contains("broken.yaml");
  }

  @Test
  void a_template_without_a_websocket_api_is_one_line(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.yaml"), "Resources: {}\n");
    assertThat(run("--port", "0", "--template", empty.toString())).isEqualTo(2);
    assertThat(lines()).singleElement().asString().startsWith("wschat-local: --template: ")
        .contains("exactly one WebSocket API");
  }

  @ParameterizedTest
  @CsvSource({
      "--redis-url, redis://127.0.0.1:6379, memory, --redis-url is for --store redis, and the store is memory",
      "--redis-url, redis://127.0.0.1:6379, dynamodb, --redis-url is for --store redis, and the store is dynamodb",
      "--redis-password-file, /etc/hostname, memory, --redis-password-file is for --store redis",
      "--dynamodb-endpoint, http://127.0.0.1:8000, memory, --dynamodb-endpoint is for --store dynamodb",
      "--dynamodb-endpoint, http://127.0.0.1:8000, redis, --dynamodb-endpoint is for --store dynamodb"})
  void options_for_another_store_are_refused(String option, String value, String store, String message) {
    assertThat(run("--port", "0", "--store", store, option, value)).isEqualTo(2);
    assertThat(lines().get(0)).startsWith("wschat-local: " + message);
    assertThat(lines()).hasSize(2);
  }

  @Test
  void a_log_level_that_is_none_of_the_four_is_refused() {
    assertThat(run("--port", "0", "--log-level", "LOUD")).isEqualTo(2);
    assertThat(lines().get(0)).isEqualTo("wschat-local: --log-level must be one of DEBUG, INFO, WARN, ERROR, got LOUD");
  }

  private List<String> lines() {
    return err.toString().lines().toList();
  }

  private static LocalChatCommand parse(String... args) {
    CommandLine command = LocalChatCommand.commandLine();
    command.parseArgs(args);
    return command.getCommand();
  }

  @Test
  void a_setting_the_chat_refuses_ends_with_its_message_and_no_stack_trace() {
    assertThat(run("--port", "0", "--store", "redis")).isEqualTo(2);
    assertThat(err.toString()).startsWith("wschat-local: --store redis needs --redis-url redis://host:port")
        .doesNotContain("\tat ");
  }

  @Test
  void an_allowed_origin_that_is_a_url_with_a_path_is_refused_with_the_reason() {
    assertThat(run("--port", "0", "--no-throttling", "--allowed-origin", "https://chat.example.com",
        "--allowed-origin", "https://chat.example.com/app")).isEqualTo(2);
    assertThat(err.toString()).startsWith("wschat-local: an origin is scheme://host[:port]")
        .contains("https://chat.example.com/app").doesNotContain("\tat ");
  }

  @Test
  void a_send_rate_the_chat_refuses_names_its_variable_and_what_is_allowed() {
    assertThat(run("--port", "0", "--messages-per-second", "fast")).isEqualTo(2);
    assertThat(err.toString()).contains("MESSAGES_PER_SECOND='fast' is not a number").contains("none")
        .doesNotContain("\tat ");
  }

  @Test
  void throttling_applies_by_default_and_no_throttling_turns_it_off() {
    assertThat(parsed().options().throttling()).isTrue();
    assertThat(parsed("--no-throttling").options().throttling()).isFalse();
  }

  private static LocalChatCommand parsed(String... args) {
    CommandLine command = LocalChatCommand.commandLine();
    command.parseArgs(args);
    return command.getCommand();
  }

  @Test
  void watch_outside_the_repository_root_says_where_to_run_it() {
    // Tests run in local-chat/, which has no modules with target/classes below it.
    assertThat(run("--port", "0", "--watch")).isEqualTo(2);
    assertThat(err.toString()).startsWith("wschat-local: --watch reloads the handlers from the modules'"
        + " target/classes").contains("run it from the repository root").doesNotContain("\tat ");
  }
}
