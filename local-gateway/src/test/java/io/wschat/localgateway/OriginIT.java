package io.wschat.localgateway;

import static io.wschat.localgateway.ConnectIT.quiet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Which web pages may open a WebSocket to the local gateway: its own (the page it serves, same host and port), any
 * loopback page (localhost, 127.0.0.1, [::1], any port, as a dev server on this machine serves it), the
 * allow-listed origins, and any client that is not a browser (no Origin header). Any other page gets 403, $connect
 * never runs for it, and the gateway's listener hears of each refused origin once, with the allow-list entry that
 * would let it in.
 */
class OriginIT {

  @Test
  void a_page_of_another_site_or_a_sandboxed_one_is_refused_with_403_before_connect_runs() throws Exception {
    var connect = new RecordingHandler();
    try (var gateway = quiet().route("$connect", connect).onRefusedOrigin(refused -> {}).build().start()) {
      for (String origin : List.of("http://evil.example", "https://evil.example:8443", "null",
          "http://localhost.evil.example", "http://127.0.0.1.evil.example:8091", "http://evil.example#localhost",
          "http://localhost@evil.example", "https://[::2]:3000", "ws://localhost:3000", "file://evil.example")) {
        assertThat(WsClient.handshakeStatusFrom(gateway.webSocketUri(), origin)).as(origin).isEqualTo(403);
      }
      assertThat(connect.events).isEmpty();
    }
  }

  @Test
  void loopback_pages_on_any_port_connect_with_no_allow_list() throws Exception {
    var connect = new RecordingHandler();
    try (var gateway = quiet().route("$connect", connect).build().start()) {
      for (String origin : List.of("http://localhost:5173", "http://127.0.0.1:8091", "https://[::1]:3000",
          "http://LOCALHOST", "https://localhost", "http://[::1]")) {
        try (var client = WsClient.connectFrom(gateway.webSocketUri(), origin)) {
          assertThat(connect.next()).as(origin).isNotNull();
        }
      }
    }
  }

  @Test
  void the_gateways_own_pages_allow_listed_origins_local_files_and_non_browsers_connect() throws Exception {
    var connect = new RecordingHandler();
    try (var gateway = quiet().route("$connect", connect).allowedOrigin("https://chat.example.com")
        .allowedOrigin("http://chat.example.net:3000").allowedOrigin("null").build().start()) {
      String own = "http://localhost:" + gateway.port();
      for (String origin : List.of(own, own.toUpperCase(), "https://chat.example.com", "https://chat.example.com:443",
          "http://chat.example.net:3000", "null", "file://")) {
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
  void each_refused_origin_is_reported_once_with_the_allow_list_entry_that_would_admit_it() throws Exception {
    List<RefusedOrigin> reports = new CopyOnWriteArrayList<>();
    try (var gateway = quiet().route("$connect", new RecordingHandler()).onRefusedOrigin(reports::add).build()
        .start()) {
      for (String origin : List.of("http://evil.example:80", "http://evil.example", "HTTP://Evil.Example", "null",
          "null", "https://evil.example:8443", "not an origin")) {
        assertThat(WsClient.handshakeStatusFrom(gateway.webSocketUri(), origin)).as(origin).isEqualTo(403);
      }
      try (var client = WsClient.connectFrom(gateway.webSocketUri(), "http://localhost:3000")) {
        assertThat(client).isNotNull(); // allowed: not reported
      }
      // Each report is made before the 403 goes out, so all are in by now.
      assertThat(reports).containsExactly(
          new RefusedOrigin("http://evil.example:80", 403, Optional.of("http://evil.example")),
          new RefusedOrigin("null", 403, Optional.of("null")),
          new RefusedOrigin("https://evil.example:8443", 403, Optional.of("https://evil.example:8443")),
          new RefusedOrigin("not an origin", 403, Optional.empty()));
    }
  }

  @Test
  void the_allow_list_entry_reported_does_admit_the_origin() throws Exception {
    List<RefusedOrigin> reports = new CopyOnWriteArrayList<>();
    String origin = "HTTPS://Chat.Example.org:443";
    try (var gateway = quiet().route("$connect", new RecordingHandler()).onRefusedOrigin(reports::add).build()
        .start()) {
      assertThat(WsClient.handshakeStatusFrom(gateway.webSocketUri(), origin)).isEqualTo(403);
    }
    String entry = reports.get(0).allowedOrigin().orElseThrow();
    assertThat(entry).isEqualTo("https://chat.example.org");
    var connect = new RecordingHandler();
    try (var gateway = quiet().route("$connect", connect).allowedOrigin(entry).build().start();
        var client = WsClient.connectFrom(gateway.webSocketUri(), origin)) {
      connect.next();
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
