package io.wschat.adapter.emf;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.wschat.metrics.Dimension;
import io.wschat.metrics.Metric;
import io.wschat.metrics.Metrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/**
 * wschat's metrics in CloudWatch's Embedded Metric Format, written with aws-embedded-metrics: the values an
 * invocation records are kept until {@link #flush}, which writes one EMF document per set of dimension values
 * (the library puts every dimension value at the top level of a document, so values that differ in a dimension
 * need documents of their own), each on one line. A metric with dimensions besides the stage is published under
 * both [Stage, ...] and [Stage], its total. CloudWatch Logs turns the lines into metrics in the namespace
 * {@code wschat}; no PutMetricData call, no extra latency, no extra permission.
 *
 * <p>What is recorded between two flushes is one document set: right in Lambda, which runs one invocation at a
 * time per instance (the fan-out's threads are joined before the invocation ends). A process that handles events
 * concurrently, like the local runner, uses a {@code Metrics} that keeps running totals instead.
 *
 * <p>The environment is fixed, not probed: the library's detection would ask the EC2 metadata service outside
 * Lambda, and would add ServiceName/ServiceType/LogGroup dimensions that nothing here asks for.
 */
public final class EmfMetrics implements Metrics {
  private record Value(Metric metric, double value, List<String> dimensionValues) {}

  private final Queue<Value> pending = new ConcurrentLinkedQueue<>();
  private final Environment environment;

  /** {@code lines}: where each EMF line goes; in Lambda, standard output, which the runtime sends to CloudWatch. */
  public EmfMetrics(Consumer<String> lines) {
    this.environment = new LinesEnvironment(Objects.requireNonNull(lines, "lines"));
  }

  /** Lines on standard output, as in Lambda. */
  public static EmfMetrics toStandardOutput() {
    return new EmfMetrics(System.out::println);
  }

  /**
   * Writes one document nowhere, so that the classes of the first real flush are loaded and warm: for a SnapStart
   * snapshot, taken before any invocation.
   */
  public static void prime() {
    EmfMetrics discarded = new EmfMetrics(line -> {});
    discarded.count(Metric.REQUESTS);
    discarded.record(Metric.STORE_LATENCY, 1, "memory", "priming");
    discarded.flush("priming");
  }

  @Override
  public void record(Metric metric, double value, String... dimensionValues) {
    Metrics.check(metric, dimensionValues);
    pending.add(new Value(metric, value, List.of(dimensionValues)));
  }

  @Override
  public void flush(String stage) {
    Map<Map<String, String>, List<Value>> documents = new LinkedHashMap<>();
    for (Value v = pending.poll(); v != null; v = pending.poll()) {
      Map<String, String> dimensions = new LinkedHashMap<>();
      dimensions.put(Dimension.STAGE.key(), stage == null || stage.isBlank() ? "-" : stage);
      for (int i = 0; i < v.dimensionValues().size(); i++) {
        dimensions.put(v.metric().dimensions().get(i).key(), v.dimensionValues().get(i));
      }
      documents.computeIfAbsent(dimensions, d -> new ArrayList<>()).add(v);
    }
    documents.forEach(this::write);
  }

  private void write(Map<String, String> dimensions, List<Value> values) {
    MetricsLogger logger = new MetricsLogger(environment);
    logger.setNamespace(Metric.NAMESPACE);
    DimensionSet full = new DimensionSet();
    dimensions.forEach(full::addDimension);
    if (dimensions.size() == 1) {
      logger.setDimensions(full);
    } else {
      // Also under the stage alone, so that alarms and graphs can take the total without naming every code,
      // store or operation (an alarm cannot SEARCH).
      logger.setDimensions(DimensionSet.of(Dimension.STAGE.key(), dimensions.get(Dimension.STAGE.key())), full);
    }
    for (Value v : values) {
      logger.putMetric(v.metric().metricName(), v.value(), v.metric().unit() == Metric.Unit.COUNT ? Unit.COUNT
          : Unit.MILLISECONDS);
    }
    logger.flush();
  }

  /** The library's view of where it runs: Lambda, writing to {@code lines}, with nothing added to the documents. */
  private static final class LinesEnvironment implements Environment, ISink {
    private final Consumer<String> lines;

    LinesEnvironment(Consumer<String> lines) {
      this.lines = lines;
    }

    @Override
    public boolean probe() {
      return true;
    }

    @Override
    public String getName() {
      return "wschat";
    }

    @Override
    public String getType() {
      return "AWS::Lambda::Function";
    }

    @Override
    public String getLogGroupName() {
      return "";
    }

    @Override
    public void configureContext(MetricsContext context) {
      // nothing: every property of a document is a metric or a dimension
    }

    @Override
    public ISink getSink() {
      return this;
    }

    @Override
    public void accept(MetricsContext context) {
      try {
        context.serialize().forEach(lines);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write an EMF document", e);
      }
    }

    @Override
    public CompletableFuture<Void> shutdown() {
      return CompletableFuture.completedFuture(null);
    }
  }
}
