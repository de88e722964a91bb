package io.wschat.localchat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.localchat.deploy.Repository;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code --log-level} governs every line the runner logs, Jetty's included. The logging backend reads its level
 * once per JVM, so each case runs the real command in a JVM of its own, stopped as Ctrl-C would.
 */
class LogLevelIT {

  @Test
  void warn_silences_jettys_info_lines_and_the_handlers() throws Exception {
    List<String> lines = startAndStop("WARN");
    assertThat(lines).anyMatch(line -> line.startsWith("wschat-local: the chat is running"));
    assertThat(lines).noneMatch(line -> line.contains("INFO org.eclipse.jetty"));
    assertThat(lines).noneMatch(line -> line.contains("\"level\":\"INFO\""));
  }

  @Test
  void debug_shows_jettys_debug_lines() throws Exception {
    List<String> lines = startAndStop("DEBUG");
    assertThat(lines).anyMatch(line -> line.contains("DEBUG org.eclipse.jetty"));
    assertThat(lines).anyMatch(line -> line.contains("\"level\":\"INFO\""));
  }

  /** Every line the command prints (stdout and stderr) from its start until it is stopped after "running". */
  private static List<String> startAndStop(String level) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process runner = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        LocalChatCommand.class.getName(), "--port", "0", "--log-level", level,
        "--template", Repository.file("template.yaml").toString())
        .redirectErrorStream(true).start();
    // Never hangs the build: a runner that has not stopped in time is killed, which ends the stream below.
    CompletableFuture.delayedExecutor(90, TimeUnit.SECONDS).execute(runner::destroyForcibly);
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(runner.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
        if (line.startsWith("Press Ctrl-C")) {
          runner.toHandle().destroy(); // SIGTERM, leaving the stream open: the shutdown hook stops the chat
        }
      }
    } finally {
      if (!runner.waitFor(30, TimeUnit.SECONDS)) {
        runner.destroyForcibly();
      }
    }
    assertThat(lines).as("the runner's output").contains("Press Ctrl-C to stop.");
    return lines;
  }
}
