package io.wschat.localgateway;

import static io.wschat.localgateway.ConnectIT.quiet;
import static io.wschat.localgateway.RecordingHandler.requestContext;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients that start a PostToConnection and never finish its body hold no thread: 250 of them (more than Jetty's
 * 200 threads) leave the Management API and the WebSocket endpoint answering everyone else at once.
 */
class SlowClientsIT {

  @Test
  void two_hundred_fifty_unfinished_post_bodies_do_not_stop_other_clients() throws Exception {
    var connect = new RecordingHandler();
    List<Socket> slow = new ArrayList<>();
    try (var gateway = quiet().route("$connect", connect).build().start();
         var client = WsClient.connect(gateway.webSocketUri())) {
      String id = (String) requestContext(connect.next()).get("connectionId");
      String path = "/" + gateway.stage() + "/@connections/" + id.replace("=", "%3D");
      URI uri = URI.create("http://localhost:" + gateway.port() + path);
      WsClient.awaitReachable(gateway.managementEndpoint(), id);
      for (int i = 0; i < 250; i++) {
        var socket = new Socket("127.0.0.1", gateway.port());
        slow.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n0123456789")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
      // A sleep on purpose: nothing tells when the 250 have reached the server's handlers, and if some have not,
      // the post below only has it easier: a short wait can make the test weaker, never fail it falsely.
      Thread.sleep(500); // every one of them has reached the handler by now

      long start = System.nanoTime();
      var post = WsClient.HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
          .POST(HttpRequest.BodyPublishers.ofString("still here")).build(), HttpResponse.BodyHandlers.ofString());
      long postMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(post.statusCode()).isEqualTo(200);
      assertThat(client.next()).isEqualTo("still here");
      start = System.nanoTime();
      try (var another = WsClient.connect(gateway.webSocketUri())) {
        connect.next();
      }
      long connectMillis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("with 250 unfinished 1,000-byte post bodies: a new post answered in %d ms, a new WebSocket"
          + " connected in %d ms%n", postMillis, connectMillis);
      assertThat(postMillis).isLessThan(2_000);
      assertThat(connectMillis).isLessThan(2_000);
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  @Test
  void an_unfinished_body_is_answered_408_after_the_body_timeout() throws Exception {
    var connect = new RecordingHandler();
    try (var gateway = quiet().route("$connect", connect).build().start();
         var client = WsClient.connect(gateway.webSocketUri())) {
      String id = (String) requestContext(connect.next()).get("connectionId");
      String path = "/" + gateway.stage() + "/@connections/" + id.replace("=", "%3D");
      WsClient.awaitReachable(gateway.managementEndpoint(), id);
      try (var socket = new Socket("127.0.0.1", gateway.port())) {
        socket.setSoTimeout(20_000);
        socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n"
            + "0123456789").getBytes(StandardCharsets.US_ASCII));
        long start = System.nanoTime();
        byte[] head = socket.getInputStream().readNBytes(12);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 408");
        assertThat(millis).isBetween(9_000L, 15_000L);
      }
      assertThat(client.frames).as("nothing half-sent reached the client").isEmpty();
    }
  }
}
