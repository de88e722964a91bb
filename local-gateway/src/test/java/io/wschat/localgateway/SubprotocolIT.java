package io.wschat.localgateway;

import static io.wschat.localgateway.ConnectIT.quiet;
import static io.wschat.localgateway.ScriptedAuthorizer.policy;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code Sec-WebSocket-Protocol}, as API Gateway handles it: the client's offer reaches the authorizer and $connect
 * as a header, and the handshake selects the subprotocol that $connect's integration response names in its
 * {@code headers}, and none when it names none.
 */
class SubprotocolIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A $connect that selects the first subprotocol offered, the way AWS's own example does. */
  private static final class Selecting implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    final BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, com.amazonaws.services.lambda.runtime.Context c) {
      events.add(event);
      String offered = ((Map<String, String>) event.get("headers")).entrySet().stream()
          .filter(h -> h.getKey().equalsIgnoreCase("Sec-WebSocket-Protocol")).map(Map.Entry::getValue)
          .findFirst().orElse(null);
      return offered == null ? Map.of("statusCode", 200)
          : Map.of("statusCode", 200, "headers", Map.of("Sec-WebSocket-Protocol", offered.split(",")[0].strip()));
    }
  }

  static WebSocket open(java.net.URI uri, String... subprotocols) throws Exception {
    var builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    if (subprotocols.length > 0) {
      builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
    }
    return builder.buildAsync(uri, new WebSocket.Listener() {}).get(10, TimeUnit.SECONDS);
  }

  @Test
  void the_handshake_selects_what_connects_integration_response_names() throws Exception {
    var connect = new Selecting();
    try (var gateway = quiet().route("$connect", connect).build().start()) {
      WebSocket socket = open(gateway.webSocketUri(), "wschat", "wschat.token.abc");
      assertThat(socket.getSubprotocol()).isEqualTo("wschat");
      assertThat(connect.events.poll(5, TimeUnit.SECONDS)).extracting(e -> e.get("headers")).asInstanceOf(
          org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("Sec-WebSocket-Protocol",
          "wschat, wschat.token.abc");
      socket.abort();
    }
  }

  @Test
  void a_connect_that_names_no_subprotocol_selects_none() throws Exception {
    try (var gateway = quiet().route("$connect", new RecordingHandler()).build().start()) {
      WebSocket socket = open(gateway.webSocketUri(), "wschat");
      assertThat(socket.getSubprotocol()).isEmpty();
      socket.abort();
    }
  }

  @Test
  void the_authorizer_sees_the_offer_as_a_header() throws Exception {
    var authorizer = ScriptedAuthorizer.answering(policy("alice", "Allow", "*", Map.of("userId", "alice")));
    try (var gateway = quiet().authorizer(authorizer, List.of()).route("$connect", new Selecting()).build()
        .start()) {
      WebSocket socket = open(gateway.webSocketUri(), "wschat", "wschat.token.abc");
      assertThat(socket.getSubprotocol()).isEqualTo("wschat");
      assertThat(authorizer.events).singleElement().satisfies(event ->
          assertThat(event.toString()).contains("wschat.token.abc"));
      socket.abort();
    }
  }
}
