package io.wschat.localgateway;

import static io.wschat.localgateway.ConnectIT.quiet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Which web pages may open a WebSocket to the local gateway: its own (the page it serves, same host and port),
 * the allow-listed origins, and any client that is not a browser (no Origin header). Any other page gets 403,
 * and $connect never runs for it.
 */
class OriginIT {

  @Test
  void a_page_from_another_origin_is_refused_with_403_before_connect_runs() throws Exception {
    var connect = new RecordingHandler();
    try (var gateway = quiet().route("$connect", connect).build().start()) {
      assertThat(WsClient.handshakeStatusFrom(gateway.webSocketUri(), "http://evil.example")).isEqualTo(403);
      assertThat(WsClient.handshakeStatusFrom(gateway.webSocketUri(), "http://localhost:1")).isEqualTo(403);
      assertThat(WsClient.handshakeStatusFrom(gateway.webSocketUri(), "null")).isEqualTo(403);
      assertThat(connect.events).isEmpty();
    }
  }

  @Test
  void the_gateways_own_pages_allow_listed_origins_local_files_and_non_browsers_connect() throws Exception {
    var connect = new RecordingHandler();
    try (var gateway = quiet().route("$connect", connect).allowedOrigin("https://chat.example.com")
        .allowedOrigin("http://localhost:3000").build().start()) {
      String own = "http://localhost:" + gateway.port();
      for (String origin : new String[] {own, own.toUpperCase(), "https://chat.example.com",
          "https://chat.example.com:443", "http://localhost:3000", "file://"}) {
        try (var client = WsClient.connectFrom(gateway.webSocketUri(), origin)) {
          connect.next();
        }
      }
      try (var client = WsClient.connect(gateway.webSocketUri())) { // the JDK client sends no Origin
        connect.next();
      }
      assertThat(WsClient.handshakeStatusFrom(gateway.webSocketUri(), "https://chat.example.com:8443"))
          .isEqualTo(403);
    }
  }

  @Test
  void an_allowed_origin_is_an_origin_not_a_url_with_a_path() {
    assertThatThrownBy(() -> LocalGateway.builder().allowedOrigin("https://chat.example.com/app"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scheme://host[:port]");
    assertThatThrownBy(() -> LocalGateway.builder().allowedOrigin("chat.example.com"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
