package io.wschat.benchmarks.jmh;

import io.wschat.benchmarks.report.Figure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs one JMH benchmark class with short settings (this is a 2-core machine) and answers ops/s per measurement
 * iteration, by method. The smoke settings run in this JVM, a few hundred operations per method.
 */
public final class JmhSuite {
  public record Settings(int forks, int warmups, int iterations, TimeValue time, int smokeBatch) {
    public static Settings full() {
      return new Settings(1, 3, 5, TimeValue.seconds(2), 0);
    }

    public static Settings smoke() {
      return new Settings(0, 0, 1, TimeValue.milliseconds(100), 200);
    }
  }

  private JmhSuite() {}

  public static Map<String, List<Double>> run(Class<?> benchmark, Settings settings, Map<String, String> properties) {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + benchmark.getName().replace(".", "\\.") + "\\.")
        .forks(settings.forks())
        .threads(1)
        .warmupIterations(settings.warmups())
        .measurementIterations(settings.iterations())
        .warmupTime(settings.time())
        .measurementTime(settings.time())
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT);
    if (settings.smokeBatch() > 0) {
      // A fixed number of operations instead of a time: the smoke test must be quick and can't rot.
      options.mode(org.openjdk.jmh.annotations.Mode.SingleShotTime)
          .measurementBatchSize(settings.smokeBatch())
          .warmupBatchSize(1);
      properties.forEach(System::setProperty);
    } else {
      List<String> jvmArgs = new ArrayList<>(List.of("-Xms512m", "-Xmx512m"));
      properties.forEach((k, v) -> jvmArgs.add("-D" + k + "=" + v));
      options.jvmArgsAppend(jvmArgs.toArray(String[]::new));
    }
    Collection<RunResult> results;
    try {
      results = new Runner(options.build()).run();
    } catch (RunnerException e) {
      throw new IllegalStateException("JMH failed on " + benchmark.getSimpleName() + ": " + e.getMessage(), e);
    }
    Map<String, List<Double>> byMethod = new LinkedHashMap<>();
    for (RunResult result : results) {
      String label = result.getParams().getBenchmark();
      String method = label.substring(label.lastIndexOf('.') + 1);
      List<Double> samples = new ArrayList<>();
      for (BenchmarkResult fork : result.getBenchmarkResults()) {
        for (IterationResult iteration : fork.getIterationResults()) {
          samples.add(opsPerSecond(iteration, settings));
        }
      }
      byMethod.put(method, samples);
    }
    return byMethod;
  }

  /** Throughput mode reports ops/s already; single-shot mode reports the batch's time in seconds. */
  private static double opsPerSecond(IterationResult iteration, Settings settings) {
    double score = iteration.getPrimaryResult().getScore();
    if (settings.smokeBatch() == 0) {
      return score;
    }
    return settings.smokeBatch() / score;
  }

  public static Figure figure(String name, List<Double> samples) {
    return Figure.of(name, "ops/s", samples);
  }
}
