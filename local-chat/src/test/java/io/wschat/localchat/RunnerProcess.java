package io.wschat.localchat;

import io.wschat.localchat.deploy.Repository;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real command ({@code wschat-local}) in a JVM of its own, on a free port with the repository's template, as a
 * user starts it: every line it prints, stdout and stderr in the order it wrote them, is kept for the test to read.
 * {@link #close()} stops it as Ctrl-C would.
 */
final class RunnerProcess implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(60);

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;
  /** The output has ended: set, as each line is added, under the lock of {@link #lines}. */
  private boolean ended;

  private RunnerProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::read, "runner-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Started and ready ("Press Ctrl-C to stop." printed), with these options after --port 0 and --template. */
  static RunnerProcess start(String... options) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LocalChatCommand.class.getName(), "--port", "0",
        "--template", Repository.file("template.yaml").toString()));
    command.addAll(List.of(options));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    // Never outlives the build: a runner a test forgot, or that would not stop, is killed.
    CompletableFuture.delayedExecutor(10, TimeUnit.MINUTES).execute(process::destroyForcibly);
    RunnerProcess runner = new RunnerProcess(process);
    try {
      runner.awaitLine(line -> line.equals("Press Ctrl-C to stop."), START);
    } catch (AssertionError e) {
      runner.close();
      throw e;
    }
    return runner;
  }

  private void read() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      synchronized (lines) {
        ended = true; // every line is in: a waiter need not wait for more
        lines.notifyAll();
      }
    }
  }

  /** Every line printed so far. */
  List<String> lines() {
    return List.copyOf(lines);
  }

  /** The first line printed that matches, waiting for it up to {@code timeout}; fails with all lines if none. */
  String awaitLine(Predicate<String> wanted, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      int seen = 0;
      while (true) {
        for (; seen < lines.size(); seen++) {
          if (wanted.test(lines.get(seen))) {
            return lines.get(seen);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || ended) {
          break; // out of time, or every line is in and none matches
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lines, left); // woken by the next line, or at the deadline
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new AssertionError("the runner printed no such line within " + timeout + "; it printed:\n"
        + String.join("\n", lines));
  }

  /** The WebSocket URL of the banner's "WebSocket" line. */
  URI webSocketUri() {
    return URI.create(awaitLine(line -> line.startsWith("  WebSocket "), Duration.ZERO).substring(2)
        .replaceFirst("^WebSocket\\s+", ""));
  }

  /** Stops it, and copies what it printed into the test's output, for whoever reads a failure. */
  @Override
  public void close() {
    process.toHandle().destroy(); // SIGTERM, leaving the stream open: the shutdown hook stops the chat
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      reader.join(5_000); // its last lines, "stopping" among them
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    lines.forEach(line -> System.out.println("runner> " + line));
  }
}
