package io.wschat.localchat;

import static io.wschat.localchat.Frames.register;
import static io.wschat.localchat.Frames.registered;
import static io.wschat.localchat.Frames.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.localgateway.WsClient;
import io.wschat.metrics.Metric;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The runner shows the metrics the Lambda build writes as EMF: {@code GET /local/metrics}, Prometheus' text format,
 * each {@link Metric} under its Prometheus name, with the values of what the clients did.
 */
class LocalMetricsIT {

  @Test
  void get_local_metrics_counts_what_the_clients_did() throws Exception {
    try (LocalChat chat = LocalChat.start(LocalChat.Options.defaults().withPort(0));
         WsClient alice = WsClient.connect(chat.webSocketUri());
         WsClient bob = WsClient.connect(chat.webSocketUri())) {
      alice.send(register("alice"));
      assertThat(alice.next()).isEqualTo(registered("alice"));
      bob.send(register("bob"));
      assertThat(bob.next()).isEqualTo(registered("bob"));
      alice.send(send("bob", "hello"));
      bob.next();
      alice.next();
      alice.send(send("carol", "anyone?")); // stored for carol, who never connected
      alice.next();

      HttpResponse<String> response = get(chat);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
      String text = response.body();
      assertThat(Arrays.stream(Metric.values()).filter(m -> m.dimensions().isEmpty()).map(PrometheusMetrics::name))
          .as("every metric without a code, store, operation or reason, from the start")
          .allSatisfy(name -> assertThat(text).contains("# HELP " + name));
      assertThat(text).contains("wschat_messages_sent_total{stage=\"local\"} 2.0")
          .contains("wschat_messages_delivered_total{stage=\"local\"} 1.0")
          .contains("wschat_messages_stored_total{stage=\"local\"} 2.0")
          .contains("wschat_management_api_latency_seconds_count{stage=\"local\"} 1")
          .contains("wschat_store_latency_seconds_count{operation=\"log.append\",stage=\"local\",store=\"memory\"} 2")
          .doesNotContain("hello").doesNotContain("anyone?");
    }
  }

  private static HttpResponse<String> get(LocalChat chat) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + chat.port() + PrometheusMetrics.PATH);
    return WsClient.HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
