package io.wschat.localchat;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.wschat.metrics.Dimension;
import io.wschat.metrics.Metric;
import io.wschat.metrics.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The chat's metrics on the local runner: the same {@link Metric}s the Lambda build writes as EMF, kept as running
 * totals in a Prometheus registry and served by {@code GET /local/metrics} in Prometheus' text format, for a
 * {@code curl}, a Prometheus on the laptop, or a test. Counts are counters ({@code wschat_messages_sent_total});
 * latencies are histograms in seconds ({@code wschat_store_latency_seconds}). Labels are the EMF dimensions in
 * snake case: {@code stage} (the runner's), {@code code}, {@code store}, {@code operation}, {@code reason}.
 */
final class PrometheusMetrics implements Metrics {
  static final String PATH = "/local/metrics";
  /** From 1 ms to 5 s: a loopback call, a local store, a slow retry round. */
  private static final double[] SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final String stage;
  private final Map<Metric, Counter> counters = new EnumMap<>(Metric.class);
  private final Map<Metric, Histogram> histograms = new EnumMap<>(Metric.class);

  PrometheusMetrics(String stage) {
    this.stage = stage;
    for (Metric metric : Metric.values()) {
      String help = metric.metricName() + " (io.wschat.metrics.Metric; CloudWatch: namespace wschat)";
      // A metric with no label but the stage shows from the start, at 0; the others from their first value.
      if (metric.unit() == Metric.Unit.COUNT) {
        Counter counter = Counter.builder().name(name(metric)).help(help).labelNames(labels(metric))
            .register(registry);
        if (metric.dimensions().isEmpty()) {
          counter.initLabelValues(stage);
        }
        counters.put(metric, counter);
      } else {
        Histogram histogram = Histogram.builder().name(name(metric) + "_seconds").help(help)
            .labelNames(labels(metric)).classicOnly().classicUpperBounds(SECONDS).register(registry);
        if (metric.dimensions().isEmpty()) {
          histogram.initLabelValues(stage);
        }
        histograms.put(metric, histogram);
      }
    }
  }

  /** {@code MessagesSent} is {@code wschat_messages_sent}. */
  static String name(Metric metric) {
    return "wschat_" + metric.metricName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private static String[] labels(Metric metric) {
    String[] labels = new String[metric.dimensions().size() + 1];
    labels[0] = label(Dimension.STAGE);
    for (int i = 0; i < metric.dimensions().size(); i++) {
      labels[i + 1] = label(metric.dimensions().get(i));
    }
    return labels;
  }

  private static String label(Dimension dimension) {
    return dimension.key().toLowerCase(Locale.ROOT);
  }

  @Override
  public void record(Metric metric, double value, String... dimensionValues) {
    Metrics.check(metric, dimensionValues);
    String[] values = new String[dimensionValues.length + 1];
    values[0] = stage;
    System.arraycopy(dimensionValues, 0, values, 1, dimensionValues.length);
    if (metric.unit() == Metric.Unit.COUNT) {
      counters.get(metric).labelValues(values).inc(value);
    } else {
      histograms.get(metric).labelValues(values).observe(value / 1000.0);
    }
  }

  /** The current values, in Prometheus' text format. */
  String text() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** {@code GET /local/metrics}. */
  Handler handler() {
    return new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod())) {
          Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "use GET");
          return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PrometheusTextFormatWriter.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(text().getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
        return true;
      }
    };
  }
}
