package io.wschat.localgateway;

import static io.wschat.localgateway.ConnectIT.quiet;
import static io.wschat.localgateway.RecordingHandler.requestContext;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DisconnectIT {

  @Test
  void a_client_close_invokes_disconnect_with_its_status_code_and_reason_and_logs_one_line() throws Exception {
    var disconnect = new RecordingHandler();
    List<String> log = new CopyOnWriteArrayList<>();
    try (var gateway = LocalGateway.builder().port(0).accessLog(log::add).route("$disconnect", disconnect)
        .build().start()) {
      WsClient.connect(gateway.webSocketUri()).closeWith(4000, "bye");
      var rc = requestContext(disconnect.next());
      assertThat(rc).containsEntry("disconnectStatusCode", 4000).containsEntry("disconnectReason", "bye");
      assertThat(log).hasSize(2);
      assertThat(log.get(1)).contains("\"eventType\":\"DISCONNECT\"",
          "\"connectionId\":\"" + rc.get("connectionId") + "\"", "\"disconnectStatusCode\":4000");
    }
  }

  @Test
  void a_dropped_connection_invokes_disconnect_with_1006() throws Exception {
    var disconnect = new RecordingHandler();
    try (var gateway = quiet().route("$disconnect", disconnect).build().start()) {
      WsClient.connect(gateway.webSocketUri()).drop();
      var rc = requestContext(disconnect.next());
      assertThat(rc).containsEntry("disconnectStatusCode", 1006)
          .containsEntry("disconnectReason", "Connection Closed Abnormally");
    }
  }

  @Test
  void disconnect_runs_after_the_messages_that_came_before_it() throws Exception {
    var handler = new RecordingHandler();
    try (var gateway = quiet().route("$default", handler).route("$disconnect", handler).build().start()) {
      var client = WsClient.connect(gateway.webSocketUri());
      for (int i = 0; i < 50; i++) {
        client.send("m" + i);
      }
      client.closeWith(1000, "");
      for (int i = 0; i < 50; i++) {
        assertThat(handler.next()).containsEntry("body", "m" + i);
      }
      assertThat(requestContext(handler.next())).containsEntry("routeKey", "$disconnect")
          .containsEntry("disconnectStatusCode", 1000).containsEntry("disconnectReason", "Connection Closed Normally");
    }
  }

  @Test
  void closing_the_gateway_disconnects_its_clients_and_still_runs_disconnect() throws Exception {
    var disconnect = new RecordingHandler();
    var gateway = quiet().route("$disconnect", disconnect).build().start();
    var client = WsClient.connect(gateway.webSocketUri());
    gateway.close();
    assertThat(client.awaitClose(java.time.Duration.ofSeconds(5)).code()).isEqualTo(1001);
    assertThat(requestContext(disconnect.next())).containsEntry("disconnectStatusCode", 1001);
  }

  @Test
  void connections_whose_handshake_ends_while_the_gateway_closes_are_closed_with_1001_too() throws Exception {
    for (int attempt = 0; attempt < 5; attempt++) {
      var gateway = quiet().route("$disconnect", new RecordingHandler()).build().start();
      var opening = new ArrayList<CompletableFuture<WsClient>>();
      for (int c = 0; c < 40; c++) {
        opening.add(CompletableFuture.supplyAsync(() -> WsClient.connect(gateway.webSocketUri())));
      }
      opening.get(0).join();
      gateway.close();
      for (var future : opening) {
        WsClient client;
        try {
          client = future.join();
        } catch (CompletionException refusedBeforeTheHandshakeEnded) {
          continue;
        }
        assertThat(client.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(1001);
      }
    }
  }
}
