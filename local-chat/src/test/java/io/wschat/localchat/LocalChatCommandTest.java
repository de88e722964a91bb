package io.wschat.localchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
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
  /** What the command printed on stdout, its own writer and System.out (where the chat's start-up lines go). */
  private final StringWriter out = new StringWriter();
  private final ByteArrayOutputStream systemOut = new ByteArrayOutputStream();

  private int run(String... args) {
    PrintStream console = System.out;
    System.setOut(new PrintStream(systemOut, true, StandardCharsets.UTF_8));
    try {
      CommandLine command = LocalChatCommand.commandLine();
      command.setErr(new PrintWriter(err, true));
      command.setOut(new PrintWriter(out, true));
      return command.execute(args);
    } finally {
      System.setOut(console);
    }
  }

  /** Refused before anything started: the refusal and the pointer to --help on stderr, not one line on stdout. */
  private void assertRefusedBeforeStart(String refusal) {
    assertThat(lines()).containsExactly("wschat-local: " + refusal, "Try 'wschat-local --help' for more.");
    assertThat(out.toString()).isEmpty();
    assertThat(systemOut.toString(StandardCharsets.UTF_8)).isEmpty();
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
  @CsvSource({"90s, PT1M30S", "10m, PT10M", "2h, PT2H", "1d, PT24H", "30d, PT720H", "PT10M, PT10M",
      "pt1h30m, PT1H30M", "P30D, PT720H", "90m, PT1H30M"})
  void every_duration_option_takes_the_same_syntax_as_people_write_it_or_iso(String written, String meant) {
    LocalChatCommand command = parse("--idle-timeout", written, "--max-duration", written, "--retention", written);
    assertThat(command.idleTimeout).isEqualTo(Duration.parse(meant));
    assertThat(command.maxDuration).isEqualTo(Duration.parse(meant));
    // The handler reads MESSAGE_RETENTION as ISO-8601, as Lambda sets it: the runner converts its flag to that.
    assertThat(command.options().retention()).isEqualTo(meant);
    assertThat(Duration.parse(command.options().retention())).isEqualTo(Duration.parse(meant));
  }

  @Test
  void retention_none_keeps_no_messages_and_the_default_is_thirty_days() {
    assertThat(parse("--retention", "none").options().retention()).isEqualTo("none");
    assertThat(parse("--retention", "NONE").options().retention()).isEqualTo("none");
    assertThat(Duration.parse(parse().options().retention())).isEqualTo(Duration.ofDays(30));
    assertThat(parse().idleTimeout).isEqualTo(LocalChat.Options.defaults().idleTimeout());
    assertThat(parse().maxDuration).isEqualTo(LocalChat.Options.defaults().maxDuration());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--idle-timeout|10 minutes|'10 minutes' is not a duration; write 30s, 10m, 2h, 30d or ISO-8601 such as PT10M",
      "--max-duration|2 hours|'2 hours' is not a duration; write 30s, 10m, 2h, 30d or ISO-8601 such as PT10M",
      "--retention|30 days|'30 days' is not a duration; write 30s, 10m, 2h, 30d or ISO-8601 such as PT10M,"
          + " or none to keep no messages",
      "--idle-timeout|0s|'0s' is not more than 0",
      "--max-duration|-PT1H|'-PT1H' is not more than 0",
      "--idle-timeout|3651d|'3651d' is longer than 3650d",
      "--max-duration|99999999999d|'99999999999d' is longer than 3650d",
      "--retention|30s|'30s' is shorter than 1m; write a longer one, or none to keep no messages",
      "--retention|0m|'0m' is shorter than 1m; write a longer one, or none to keep no messages",
      "--idle-timeout|P1M|'P1M' is not a duration; write 30s, 10m, 2h, 30d or ISO-8601 such as PT10M"})
  void a_bad_duration_names_its_flag_and_says_how_to_write_one(String flag, String value, String problem) {
    assertThat(run("--port", "0", flag, value)).isEqualTo(2);
    assertRefusedBeforeStart("Invalid value for option '" + flag + "': " + problem);
  }

  @Test
  void a_retention_of_thirty_days_is_accepted_as_the_idle_timeout_of_one_day_is() {
    assertThat(parse("--retention", "30d", "--idle-timeout", "1d").options().retention()).isEqualTo("PT720H");
  }

  @ParameterizedTest
  @CsvSource({"80800", "65536", "-1"})
  void a_port_outside_the_tcp_range_is_refused_before_anything_starts(String port) {
    assertThat(run("--port", port)).isEqualTo(2);
    assertRefusedBeforeStart("--port must be 0..65535 (0 picks a free port), got " + port);
  }

  @Test
  void a_port_another_program_listens_on_is_refused_before_anything_starts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(run("--port", Integer.toString(taken.getLocalPort()))).isEqualTo(2);
      assertThat(lines().get(0)).startsWith("wschat-local: --port " + taken.getLocalPort()
          + " on 127.0.0.1: cannot listen there (").contains("pick another port, or --port 0 for any free one");
      assertThat(lines()).hasSize(2);
      assertThat(systemOut.toString(StandardCharsets.UTF_8)).isEmpty();
    }
  }

  @Test
  void a_host_that_is_not_this_machines_is_refused_before_anything_starts() {
    assertThat(run("--host", "192.0.2.1")).isEqualTo(2); // TEST-NET-1: never a local address
    assertThat(lines().get(0)).startsWith("wschat-local: --host 192.0.2.1: cannot listen there (");
    assertThat(systemOut.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void a_bad_stage_names_the_flag_before_anything_starts() {
    assertThat(run("--port", "0", "--stage", "dev/1")).isEqualTo(2);
    assertRefusedBeforeStart("--stage: a stage is letters, digits, '-' or '_', got dev/1");
  }

  @Test
  void the_help_shows_every_default_as_people_write_it_and_what_port_0_means() {
    assertThat(run("--help")).isEqualTo(0);
    String help = out.toString().replaceAll("\\s+", " ");
    assertThat(help).contains("(default: 30d)").contains("(default: 10m)").contains("(default: 2h)")
        .contains("0 picks a free one").contains("30s, 10m, 2h, 30d or ISO-8601").doesNotContain("PT720H")
        .doesNotContain("PT10M)").doesNotContain("PT2H)");
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
  void an_allowed_origin_that_is_a_url_with_a_path_is_refused_with_the_reason_before_anything_starts() {
    assertThat(run("--port", "0", "--no-throttling", "--allowed-origin", "https://chat.example.com",
        "--allowed-origin", "https://chat.example.com/app")).isEqualTo(2);
    assertThat(lines().get(0)).startsWith("wschat-local: --allowed-origin: an origin is scheme://host[:port]")
        .contains("https://chat.example.com/app");
    assertRefusedBeforeStart(lines().get(0).substring("wschat-local: ".length()));
  }

  @Test
  void a_send_rate_the_chat_refuses_names_its_flag_and_what_is_allowed_before_anything_starts() {
    assertThat(run("--port", "0", "--messages-per-second", "fast")).isEqualTo(2);
    assertThat(lines().get(0)).startsWith("wschat-local: --messages-per-second 'fast' is not a number; allowed: ")
        .contains("none").doesNotContain("MESSAGES_PER_SECOND");
    assertRefusedBeforeStart(lines().get(0).substring("wschat-local: ".length()));
  }

  @Test
  void a_message_burst_the_chat_refuses_names_its_flag() {
    assertThat(run("--port", "0", "--message-burst", "0")).isEqualTo(2);
    assertThat(lines().get(0)).startsWith("wschat-local: --message-burst 0 is out of range; allowed: ")
        .doesNotContain("MESSAGE_BURST");
    assertRefusedBeforeStart(lines().get(0).substring("wschat-local: ".length()));
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
