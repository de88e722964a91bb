package io.wschat.localchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
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
  void a_concurrency_below_one_is_refused_with_the_usage() {
    assertThat(run("--port", "0", "--concurrency", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--concurrency must be at least 1, got 0").contains("Usage: wschat-local");
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
  void watch_outside_the_repository_root_says_where_to_run_it() {
    // Tests run in local-chat/, which has no modules with target/classes below it.
    assertThat(run("--port", "0", "--watch")).isEqualTo(2);
    assertThat(err.toString()).startsWith("wschat-local: --watch reloads the handlers from the modules'"
        + " target/classes").contains("run it from the repository root").doesNotContain("\tat ");
  }
}
