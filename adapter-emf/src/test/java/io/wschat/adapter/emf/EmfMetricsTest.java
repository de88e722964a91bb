package io.wschat.adapter.emf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wschat.metrics.Metric;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One EMF document per set of dimension values, written at the flush and not before, in the namespace wschat; a
 * metric with more dimensions also under the stage alone; nothing added that nobody asked for.
 */
class EmfMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> lines = new ArrayList<>();
  private final EmfMetrics metrics = new EmfMetrics(lines::add);

  @Test
  void values_wait_for_the_flush_and_group_by_dimension_values() throws Exception {
    metrics.count(Metric.REQUESTS);
    metrics.count(Metric.MESSAGES_SENT);
    metrics.record(Metric.STORE_LATENCY, 2.5, "dynamodb", "log.append");
    metrics.record(Metric.STORE_LATENCY, 1.5, "dynamodb", "registry.connectionsOf");
    metrics.record(Metric.STORE_LATENCY, 3.5, "dynamodb", "log.append");
    assertThat(lines).isEmpty();

    metrics.flush("prod");

    assertThat(lines).hasSize(3);
    JsonNode stage = JSON.readTree(lines.get(0));
    assertThat(stage.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText()).isEqualTo("wschat");
    assertThat(stage.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
        .isEqualTo("[[\"Stage\"]]");
    assertThat(stage.path("Stage").asText()).isEqualTo("prod");
    assertThat(stage.path("Requests").asDouble()).isEqualTo(1);
    assertThat(stage.path("MessagesSent").asDouble()).isEqualTo(1);
    JsonNode append = JSON.readTree(lines.get(1));
    assertThat(append.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
        .isEqualTo("[[\"Stage\"],[\"Stage\",\"Store\",\"Operation\"]]");
    assertThat(append.path("Operation").asText()).isEqualTo("log.append");
    assertThat(append.path("StoreLatency").toString()).isEqualTo("[2.5,3.5]");
    assertThat(append.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0).path("Unit").asText())
        .isEqualTo("Milliseconds");
    List<String> fields = new ArrayList<>();
    append.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactlyInAnyOrder("_aws", "Stage", "Store", "Operation", "StoreLatency");
  }

  @Test
  void a_flush_writes_each_value_once() {
    metrics.count(Metric.REQUESTS);
    metrics.flush("prod");
    metrics.flush("prod");
    assertThat(lines).hasSize(1);
  }
}
