package io.wschat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.benchmarks.coldstart.Jdks;
import io.wschat.benchmarks.report.Figure;
import io.wschat.benchmarks.report.PerformanceReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every harness at a tiny size so that none of them can rot: one cold start of each JVM, a few hundred
 * hot-path events, a few registry operations on DynamoDB Local and redis-server (and redis-benchmark),
 * 20 clients × 5 messages per store, and the message log's workloads per store (log on against off, a few history
 * pages, a sync of 150). It checks that each produces numbers and that no message is lost, duplicated, missing
 * from a history walk or a sync, or out of order; it asserts no speed, which a shared CI machine cannot promise.
 */
class BenchmarkHarnessesIT {

  @Test
  void every_harness_runs_and_produces_figures(@TempDir Path dir) throws Exception {
    Path repository = Path.of("").toAbsolutePath().getParent();
    Path out = dir.resolve("performance.md");

    Benchmarks.Outcome outcome = Benchmarks.run(Benchmarks.Settings.smoke(repository, out));

    // A cold-start section per JDK found, then the other eight.
    List<Jdks.Jdk> jdks = Jdks.found();
    assertThat(outcome.sections()).extracting(PerformanceReport.Section::title).hasSize(jdks.size() + 8);
    if (jdks.stream().anyMatch(jdk -> jdk.feature() >= 25)) {
      assertThat(outcome.sections()).flatExtracting(PerformanceReport.Section::figures).extracting(Figure::name)
          .anyMatch(name -> name.startsWith("wschat with the AOT cache"))
          .anyMatch(name -> name.startsWith("authorizer with the AOT cache"));
    }
    for (PerformanceReport.Section section : outcome.sections()) {
      assertThat(section.figures()).as(section.title()).isNotEmpty();
      for (Figure figure : section.figures()) {
        assertThat(figure.median()).as(figure.name()).isFinite().isGreaterThanOrEqualTo(0);
        if (figure.name().contains("lost + duplicated") || figure.name().contains("missing, repeated")) {
          assertThat(figure.max()).as(figure.name()).isZero();
        }
        if (figure.unit().equals("ops/s") || figure.unit().equals("msg/s") || figure.unit().equals("req/s")) {
          assertThat(figure.median()).as(figure.name()).isPositive();
        }
      }
    }
    assertThat(outcome.sections()).flatExtracting(PerformanceReport.Section::figures).extracting(Figure::name)
        .anyMatch(name -> name.contains("closed loop")).anyMatch(name -> name.contains("open loop at 400 msg/s"));
    assertThat(Files.readString(out)).contains(PerformanceReport.BEGIN, PerformanceReport.END, "sendPrivateMessage",
        PerformanceReport.COLD_START_BEGIN, PerformanceReport.COLD_START_END, "authorizer: JVM start",
        PerformanceReport.MESSAGE_LOG_BEGIN, PerformanceReport.MESSAGE_LOG_END, "log on / log off");
  }
}
