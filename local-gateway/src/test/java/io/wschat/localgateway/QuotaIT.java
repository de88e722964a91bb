package io.wschat.localgateway;

import static io.wschat.localgateway.ConnectIT.quiet;
import static io.wschat.localgateway.RecordingHandler.requestContext;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuotaIT {
  private static final int LIMIT = 128 * 1024;
  private static final int FRAME_LIMIT = 32 * 1024;

  @Test
  void a_message_of_exactly_128_kb_in_frames_of_32_kb_goes_through() throws Exception {
    var handler = new RecordingHandler();
    try (var gateway = quiet().route("$default", handler).build().start();
         var client = WsClient.connect(gateway.webSocketUri())) {
      client.sendInFrames("x".repeat(LIMIT), FRAME_LIMIT);
      assertThat((String) handler.next().get("body")).hasSize(LIMIT);
    }
  }

  @Test
  void a_message_over_128_kb_closes_the_connection_with_1009() throws Exception {
    var handler = new RecordingHandler();
    try (var gateway = quiet().route("$default", handler).route("$disconnect", handler).build().start()) {
      var client = WsClient.connect(gateway.webSocketUri());
      client.sendInFrames("x".repeat(LIMIT + 1), FRAME_LIMIT);
      assertThat(client.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(1009);
      var rc = requestContext(handler.next());
      assertThat(rc).containsEntry("routeKey", "$disconnect").containsEntry("disconnectStatusCode", 1009);
    }
  }

  /** API Gateway's WebSocket frame quota is 32 KB; a larger frame closes the connection with 1009. */
  @Test
  void a_single_frame_over_32_kb_closes_the_connection_with_1009_though_the_message_is_under_128_kb()
      throws Exception {
    var handler = new RecordingHandler();
    try (var gateway = quiet().route("$default", handler).route("$disconnect", handler).build().start()) {
      try (var client = new RawWebSocket(gateway.webSocketUri())) {
        client.sendOneFrame("x".repeat(FRAME_LIMIT));
        assertThat((String) handler.next().get("body")).as("exactly 32 KB in one frame").hasSize(FRAME_LIMIT);
        client.sendOneFrame("x".repeat(FRAME_LIMIT + 1));
        assertThat(client.awaitCloseCode()).isEqualTo(1009);
      }
      assertThat(requestContext(handler.next())).containsEntry("routeKey", "$disconnect")
          .containsEntry("disconnectStatusCode", 1009).containsEntry("disconnectReason", "Message too big");
    }
  }

  /**
   * API Gateway negotiates no WebSocket extension, so browsers send uncompressed frames, the 32 KB frame quota
   * applies to what they type, and a 16 KB message from Chromium (which offers permessage-deflate) is not closed
   * with 1009 as it was when the emulator accepted the offer.
   */
  @Test
  void permessage_deflate_is_not_negotiated_and_a_16_kb_frame_passes() throws Exception {
    var handler = new RecordingHandler();
    try (var gateway = quiet().route("$default", handler).build().start()) {
      try (var client = new RawWebSocket(gateway.webSocketUri(),
          "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n")) {
        assertThat(client.handshake().toLowerCase(java.util.Locale.ROOT)).doesNotContain("sec-websocket-extensions");
        client.sendOneFrame("x".repeat(16 * 1024));
        assertThat((String) handler.next().get("body")).hasSize(16 * 1024);
      }
    }
  }

  @Test
  void a_binary_frame_closes_the_connection_with_1003_as_api_gateway_does() throws Exception {
    try (var gateway = quiet().route("$default", new RecordingHandler()).build().start()) {
      var client = WsClient.connect(gateway.webSocketUri());
      client.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
      assertThat(client.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(1003);
    }
  }

  @Test
  void an_idle_connection_is_closed_with_1001_going_away_and_disconnect_runs() throws Exception {
    var handler = new RecordingHandler();
    try (var gateway = quiet().idleTimeout(Duration.ofSeconds(2)).route("$default", handler)
        .route("$disconnect", handler).build().start()) {
      var client = WsClient.connect(gateway.webSocketUri());
      long start = System.nanoTime();
      // The sleeps are the behaviour under test: gaps of activity, each far below the 2 s idle timeout.
      for (int i = 0; i < 12; i++) { // 3 s of activity, gaps far below the idle timeout, keep it open
        Thread.sleep(250);
        client.send("keep-alive " + i);
      }
      long active = Duration.ofNanos(System.nanoTime() - start).toMillis();
      var close = client.awaitClose(Duration.ofSeconds(10));
      long lived = Duration.ofNanos(System.nanoTime() - start).toMillis();
      System.out.printf("idle timeout 2 s: closed %d ms after the last message%n", lived - active);
      assertThat(close).isEqualTo(new WsClient.Close(1001, "Going away"));
      assertThat(lived - active).isBetween(1_500L, 4_000L);
      for (int i = 0; i < 12; i++) {
        handler.next();
      }
      assertThat(requestContext(handler.next())).containsEntry("disconnectStatusCode", 1001)
          .containsEntry("disconnectReason", "Going away");
    }
  }

  @Test
  void a_busy_connection_is_still_closed_at_the_maximum_duration() throws Exception {
    var handler = new RecordingHandler();
    try (var gateway = quiet().idleTimeout(Duration.ofSeconds(10)).maxConnectionDuration(Duration.ofSeconds(2))
        .route("$default", handler).build().start()) {
      var client = WsClient.connect(gateway.webSocketUri());
      long start = System.nanoTime();
      while (!client.closed.isDone() && Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5) {
        client.sendQuietly("busy"); // a busy client, paced by the sleep below: the behaviour under test
        Thread.sleep(200);
      }
      long lived = Duration.ofNanos(System.nanoTime() - start).toMillis();
      System.out.printf("max duration 2 s: closed after %d ms%n", lived);
      assertThat(client.awaitClose(Duration.ofSeconds(1))).isEqualTo(new WsClient.Close(1001, "Going away"));
      assertThat(lived).isBetween(1_900L, 4_000L);
    }
  }
}
