package io.wschat.benchmarks.messagelog;

import com.fasterxml.jackson.databind.JsonNode;
import io.wschat.benchmarks.load.ChatServer;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Asks a runner, through the product, whether it keeps messages: one message to a user who never connects is
 * stored by a chat with the log on, and refused with {@code USER_NOT_CONNECTED} by one with it off. The on/off
 * comparison means nothing unless the flag took effect, so a runner that answers otherwise stops the benchmark.
 */
final class LogProbe {
  private LogProbe() {}

  static void expect(ChatServer server, HttpClient http, String name, boolean logOn) {
    try (ChatSocket probe = ChatSocket.registered(http, server.webSocketUri(), name + "-log-probe")) {
      probe.send(ChatSocket.request("sendPrivateMessage").put("targetUserId", name + "-log-probe-nobody")
          .put("message", "is this kept?"));
      JsonNode answer = probe.next(Duration.ofSeconds(30)).json();
      boolean stored = answer.path("type").asText().equals("messageSent") && answer.path("stored").asBoolean();
      boolean refused = answer.path("type").asText().equals("error")
          && answer.path("code").asText().equals("USER_NOT_CONNECTED");
      if (logOn ? !stored : !refused) {
        throw new IllegalStateException(name + ": the runner was started with the message log "
            + (logOn ? "on" : "off") + ", but a message to an offline user was answered with " + answer
            + "; the comparison would measure nothing");
      }
    }
  }
}
