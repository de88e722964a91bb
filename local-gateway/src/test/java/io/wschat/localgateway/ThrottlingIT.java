package io.wschat.localgateway;

import static io.wschat.localgateway.ConnectIT.quiet;
import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.localgateway.template.WebSocketApiTemplate.Limit;
import io.wschat.localgateway.template.WebSocketApiTemplate.Throttling;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The stage's route throttling, as API Gateway applies it: a token bucket per route. A message beyond it never
 * reaches the integration and its client is told so with an error frame, never dropped in silence; a $connect
 * beyond it is refused with 429.
 */
class ThrottlingIT {

  @Test
  void messages_beyond_the_routes_burst_get_a_too_many_requests_frame_and_do_not_run() throws Exception {
    var handler = new RecordingHandler();
    var throttling = new Throttling(Optional.of(new Limit(1, 3)), Map.of("echo", new Limit(0, 0)));
    try (var gateway = quiet().route("$default", handler).route("echo", handler).throttling(throttling).build()
        .start(); var client = WsClient.connect(gateway.webSocketUri())) {
      for (int i = 0; i < 5; i++) {
        client.send("{\"n\":" + i + "}");
      }
      for (int i = 0; i < 3; i++) {
        assertThat(handler.next().get("body")).isEqualTo("{\"n\":" + i + "}");
      }
      for (int i = 0; i < 2; i++) {
        assertThat(client.next()).startsWith("{\"message\":\"Too Many Requests\",\"connectionId\":\"")
            .contains("\"requestId\":\"");
      }
      assertThat(handler.events.poll(200, TimeUnit.MILLISECONDS)).as("throttled messages never ran").isNull();

      // The refill is the behaviour under test, and a longer pause only adds tokens up to the burst of 1.
      Thread.sleep(1_100); // one token a second
      client.send("{\"n\":5}");
      assertThat(handler.next().get("body")).isEqualTo("{\"n\":5}");

      client.send("{\"action\":\"echo\"}"); // a route with its own limit: burst 0 throttles everything
      assertThat(client.next()).startsWith("{\"message\":\"Too Many Requests\"");
      assertThat(handler.events).isEmpty();
    }
  }

  @Test
  void a_connect_beyond_the_connect_routes_limit_is_refused_with_429() throws Exception {
    var connect = new RecordingHandler();
    var throttling = new Throttling(Optional.empty(), Map.of("$connect", new Limit(0.001, 1)));
    try (var gateway = quiet().route("$connect", connect).throttling(throttling).build().start();
         var first = WsClient.connect(gateway.webSocketUri())) {
      connect.next();
      assertThat(WsClient.handshakeStatus(gateway.webSocketUri())).isEqualTo(429);
      assertThat(connect.events).as("$connect did not run for it").isEmpty();
    }
  }
}
