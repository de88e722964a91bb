package io.wschat.localchat.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wschat.metrics.Dimension;
import io.wschat.metrics.Metric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics template.yaml's alarms and dashboard name, read from the template: each as its namespace, name and
 * dimensions, and where it was found. The dashboard's body is JSON inside a {@code !Sub}; its {@code ${...}} are
 * replaced by their names before it is read.
 */
final class TemplateMetrics {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One metric an alarm or a widget names; dimension values as written ({@code StageName} for the parameter). */
  record Named(String where, String namespace, String name, Map<String, String> dimensions) {}

  private TemplateMetrics() {}

  static List<Named> alarms(JsonNode root) {
    List<Named> found = new ArrayList<>();
    root.path("Resources").fields().forEachRemaining(e -> {
      if (!e.getValue().path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
        return;
      }
      JsonNode p = e.getValue().path("Properties");
      if (p.has("MetricName")) {
        found.add(new Named(e.getKey(), p.path("Namespace").asText(), p.path("MetricName").asText(),
            dimensions(p.path("Dimensions"))));
      }
      for (JsonNode query : p.path("Metrics")) {
        JsonNode metric = query.path("MetricStat").path("Metric");
        if (!metric.isMissingNode()) {
          found.add(new Named(e.getKey() + "/" + query.path("Id").asText(), metric.path("Namespace").asText(),
              metric.path("MetricName").asText(), dimensions(metric.path("Dimensions"))));
        }
      }
    });
    return found;
  }

  static List<Named> dashboard(JsonNode root) {
    List<Named> found = new ArrayList<>();
    root.path("Resources").fields().forEachRemaining(e -> {
      if (!e.getValue().path("Type").asText().equals("AWS::CloudWatch::Dashboard")) {
        return;
      }
      JsonNode body = body(e.getValue().path("Properties").path("DashboardBody"));
      for (JsonNode widget : body.path("widgets")) {
        String title = widget.path("properties").path("title").asText();
        for (JsonNode row : widget.path("properties").path("metrics")) {
          List<String> parts = new ArrayList<>();
          row.forEach(part -> {
            if (part.isTextual()) {
              parts.add(part.asText());
            }
          });
          Map<String, String> dimensions = new LinkedHashMap<>();
          for (int i = 2; i + 1 < parts.size(); i += 2) {
            dimensions.put(parts.get(i), parts.get(i + 1));
          }
          found.add(new Named(e.getKey() + "/" + title, parts.get(0), parts.size() > 1 ? parts.get(1) : "",
              dimensions));
        }
      }
    });
    return found;
  }

  /** What is wrong with one named metric, given the metrics the code emits; empty if nothing. */
  static Optional<String> problem(Named named, Map<String, Metric> emitted) {
    if (named.namespace().equals(".") || named.name().equals(".")) {
      return Optional.of(named.where() + ": write each metric out in full, no \".\"");
    }
    if (!named.namespace().equals(Metric.NAMESPACE)) {
      return Optional.empty();
    }
    Metric metric = emitted.get(named.name());
    if (metric == null) {
      return Optional.of(named.where() + " names " + named.name() + ", which the code does not emit (it emits "
          + emitted.keySet() + ")");
    }
    if (!"StageName".equals(named.dimensions().get(Dimension.STAGE.key()))) {
      return Optional.of(named.where() + ": " + named.name() + " by Stage = the StageName parameter");
    }
    List<String> total = List.of(Dimension.STAGE.key());
    List<String> full = new ArrayList<>(total);
    metric.dimensions().forEach(d -> full.add(d.key()));
    List<String> keys = List.copyOf(named.dimensions().keySet());
    if (!keys.equals(total) && !keys.equals(full)) {
      return Optional.of(named.where() + ": " + named.name() + " is published under " + total + " and " + full
          + ", not " + keys);
    }
    return Optional.empty();
  }

  /** The names the code emits: {@link Metric}. */
  static Map<String, Metric> emitted() {
    Map<String, Metric> byName = new LinkedHashMap<>();
    Arrays.stream(Metric.values()).forEach(m -> byName.put(m.metricName(), m));
    return byName;
  }

  private static Map<String, String> dimensions(JsonNode list) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    for (JsonNode d : list) {
      JsonNode value = d.path("Value");
      dimensions.put(d.path("Name").asText(), value.has("Ref") ? value.path("Ref").asText() : value.asText());
    }
    return dimensions;
  }

  private static JsonNode body(JsonNode dashboardBody) {
    String text = dashboardBody.has("Fn::Sub") ? dashboardBody.path("Fn::Sub").asText() : dashboardBody.asText();
    try {
      return JSON.readTree(text.replaceAll("\\$\\{([A-Za-z0-9:.]+)}", "$1"));
    } catch (IOException e) {
      throw new UncheckedIOException("the dashboard body is not JSON", e);
    }
  }
}
