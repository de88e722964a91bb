package io.wschat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wschat.metrics.Metric;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * EMF lines as CloudWatch reads them: each is checked against the Embedded Metric Format specification's required
 * structure, then their values are added up by metric and dimension values.
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html)
 */
final class EmfLines {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The units the specification allows (the StandardUnit values). */
  private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
      "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
      "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
      "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
      "None");

  /** One metric's values under one set of dimension values. */
  record Series(String metric, Map<String, String> dimensions) {}

  private final Map<Series, List<Double>> values = new java.util.LinkedHashMap<>();

  private EmfLines() {}

  /** Checks every line against the specification and the namespace, and reads their values. */
  static EmfLines read(List<String> lines) throws Exception {
    EmfLines read = new EmfLines();
    for (String line : lines) {
      assertThat(line).as("one EMF document per line").doesNotContain("\n");
      read.document(JSON.readTree(line), line);
    }
    return read;
  }

  private void document(JsonNode root, String line) {
    assertThat(root.isObject()).as("an EMF document is a JSON object: %s", line).isTrue();
    JsonNode aws = root.get("_aws");
    assertThat(aws != null && aws.isObject()).as("_aws in %s", line).isTrue();
    assertThat(aws.path("Timestamp").isIntegralNumber()).as("_aws.Timestamp, epoch milliseconds: %s", line).isTrue();
    assertThat(aws.path("Timestamp").asLong()).isBetween(System.currentTimeMillis() - 600_000,
        System.currentTimeMillis() + 1_000);
    JsonNode directives = aws.get("CloudWatchMetrics");
    assertThat(directives != null && directives.isArray() && !directives.isEmpty())
        .as("_aws.CloudWatchMetrics, a non-empty array: %s", line).isTrue();
    for (JsonNode directive : directives) {
      assertThat(directive.path("Namespace").asText()).as("Namespace").isEqualTo(Metric.NAMESPACE);
      JsonNode dimensionSets = directive.get("Dimensions");
      assertThat(dimensionSets != null && dimensionSets.isArray() && !dimensionSets.isEmpty())
          .as("Dimensions: %s", line).isTrue();
      List<Map<String, String>> sets = new ArrayList<>();
      for (JsonNode set : dimensionSets) {
        assertThat(set.isArray() && set.size() <= 30).as("a dimension set: at most 30 names").isTrue();
        Map<String, String> dimensions = new TreeMap<>();
        for (JsonNode name : set) {
          JsonNode value = root.get(name.asText());
          assertThat(value != null && value.isTextual()).as("dimension %s at the top level, as text: %s", name, line)
              .isTrue();
          dimensions.put(name.asText(), value.asText());
        }
        sets.add(dimensions);
      }
      JsonNode metrics = directive.get("Metrics");
      assertThat(metrics != null && metrics.isArray() && metrics.size() <= 100).as("Metrics: %s", line).isTrue();
      for (JsonNode metric : metrics) {
        String name = metric.path("Name").asText();
        assertThat(name).as("a metric's Name").isNotBlank().hasSizeLessThanOrEqualTo(1024);
        if (metric.has("Unit")) {
          assertThat(UNITS).as("Unit of %s", name).contains(metric.get("Unit").asText());
        }
        JsonNode value = root.get(name);
        assertThat(value).as("the value of %s at the top level: %s", name, line).isNotNull();
        List<Double> numbers = new ArrayList<>();
        if (value.isArray()) {
          assertThat(value.size()).as("at most 100 values").isBetween(1, 100);
          value.forEach(v -> numbers.add(number(v, name)));
        } else {
          numbers.add(number(value, name));
        }
        // CloudWatch publishes the values once under each dimension set.
        for (Map<String, String> dimensions : sets) {
          values.computeIfAbsent(new Series(name, Map.copyOf(dimensions)), s -> new ArrayList<>()).addAll(numbers);
        }
      }
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      assertThat(name.equals("_aws") || root.get(name).isTextual() || root.get(name).isNumber()
          || root.get(name).isArray()).as("only metrics and dimensions at the top level: %s", name).isTrue();
    }
  }

  private static double number(JsonNode value, String name) {
    assertThat(value.isNumber()).as("a value of %s is a number", name).isTrue();
    return value.asDouble();
  }

  /** Every series seen. */
  Set<Series> series() {
    return values.keySet();
  }

  /** The sum of a metric's values under exactly these dimensions. */
  double sum(Metric metric, Map<String, String> dimensions) {
    return values(metric, dimensions).stream().mapToDouble(Double::doubleValue).sum();
  }

  /** A metric's values under exactly these dimensions. */
  List<Double> values(Metric metric, Map<String, String> dimensions) {
    List<Double> found = new ArrayList<>();
    values.forEach((series, list) -> {
      if (series.metric().equals(metric.metricName())
          && series.dimensions().equals(dimensions)) {
        found.addAll(list);
      }
    });
    return found;
  }
}
