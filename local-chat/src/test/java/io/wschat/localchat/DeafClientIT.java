package io.wschat.localchat;

import static io.wschat.localchat.Frames.register;
import static io.wschat.localchat.Frames.registered;
import static io.wschat.localchat.Frames.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wschat.localchat.deploy.Repository;
import io.wschat.localgateway.WsClient;
import java.lang.management.ManagementFactory;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A recipient whose client stops reading: once its buffer at the gateway is full, API Gateway (here the local
 * gateway) answers the chat's posts 429, and the chat counts them as not delivered: {@code deliveredTo} 0, the
 * message kept for the recipient's next sync, and the connection still registered.
 */
class DeafClientIT {

  @Test
  void messages_to_a_client_that_stops_reading_are_stored_not_counted_and_its_connection_is_kept() throws Exception {
    var text = "x".repeat(15 * 1024);
    // Alice sends as fast as her answers come: this is about the recipient's buffer, not her send rate.
    try (LocalChat chat = LocalChat.start(LocalChat.Options.defaults().withPort(0)
        .withTemplate(Repository.file("template.yaml")).withSendRate("none", "20"));
         WsClient alice = WsClient.connect(chat.webSocketUri())) {
      long baseline = liveHeap();
      var bobFrames = new CopyOnWriteArrayList<String>();
      var reading = new CompletableFuture<WebSocket>();
      WebSocket bob = WsClient.HTTP.newWebSocketBuilder().buildAsync(chat.webSocketUri(), new WebSocket.Listener() {
        @Override
        public void onOpen(WebSocket webSocket) {
          webSocket.request(1); // one frame: the registration's answer; then bob reads nothing more
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
          bobFrames.add(data.toString());
          if (reading.isDone()) {
            webSocket.request(1);
          }
          return null;
        }
      }).join();
      bob.sendText(register("bob"), true).join();
      alice.send(register("alice"));
      assertThat(alice.next()).isEqualTo(registered("alice"));

      int delivered = 0;
      int refused = 0;
      for (int i = 0; i < 700 && refused < 20; i++) {
        alice.send(send("bob", i + text));
        JsonNode sent = Frames.parse(alice.next());
        assertThat(sent.get("type").asText()).isEqualTo("messageSent");
        assertThat(sent.get("stored").asBoolean()).isTrue();
        if (sent.get("deliveredTo").asInt() == 1) {
          delivered++;
        } else {
          assertThat(sent.get("deliveredTo").asInt()).isZero();
          refused++;
        }
      }
      long after = liveHeap();
      System.out.printf("to a client that stopped reading: %d x 15 KB delivered, then %d refused with 429 and not"
          + " counted; live heap %d MB before, %d MB after%n", delivered, refused, baseline >> 20, after >> 20);
      assertThat(refused).as("posts refused once bob's buffer was full").isEqualTo(20);
      assertThat(after - baseline).as("live heap growth").isLessThan(48L << 20);

      reading.complete(bob); // bob reads again: the connection was kept, so a new message reaches it
      bob.request(1);
      alice.send(send("bob", "are you there?"));
      assertThat(Frames.parse(alice.next()).get("deliveredTo").asInt()).isEqualTo(1);
      bob.abort();
    }
  }

  private static long liveHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      // A measurement pause between collections (concurrent work settles); the heap bound is generous.
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
