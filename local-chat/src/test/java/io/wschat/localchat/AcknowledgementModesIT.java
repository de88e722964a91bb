package io.wschat.localchat;

import static io.wschat.localchat.Frames.register;
import static io.wschat.localchat.Frames.registered;
import static io.wschat.localchat.Frames.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wschat.localchat.deploy.Repository;
import io.wschat.localgateway.WsClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner on the repository's template (two-way routes, answers as route responses) and on a copy whose routes
 * are one-way and whose function posts its answers: clients hear the same frames, and the emulator counts what each
 * costs in Management API calls, one per 1:1 message against two.
 */
class AcknowledgementModesIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int MESSAGES = 10;

  @TempDir
  Path dir;

  record Run(List<String> aliceHeard, List<String> bobHeard, long posts, long routeResponses) {}

  Run converse(Path template) throws Exception {
    try (LocalChat chat = LocalChat.start(LocalChat.Options.defaults().withPort(0).withTemplate(template));
         WsClient alice = WsClient.connect(chat.webSocketUri());
         WsClient bob = WsClient.connect(chat.webSocketUri())) {
      alice.send(register("alice"));
      assertThat(alice.next()).isEqualTo(registered("alice"));
      bob.send(register("bob"));
      assertThat(bob.next()).isEqualTo(registered("bob"));
      JsonNode before = metrics(chat);
      List<String> aliceHeard = new ArrayList<>();
      List<String> bobHeard = new ArrayList<>();
      for (int i = 0; i < MESSAGES; i++) {
        alice.send(send("bob", "m" + i));
        bobHeard.add(JSON.readTree(bob.next()).get("type").asText());
        aliceHeard.add(JSON.readTree(alice.next()).get("type").asText());
      }
      JsonNode after = metrics(chat);
      return new Run(aliceHeard, bobHeard,
          after.get("postToConnection").asLong() - before.get("postToConnection").asLong(),
          after.get("routeResponses").asLong() - before.get("routeResponses").asLong());
    }
  }

  static JsonNode metrics(LocalChat chat) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + chat.port() + "/@local/metrics");
    HttpResponse<String> response = WsClient.HTTP.send(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void route_responses_cost_one_post_per_message_and_posted_answers_two_with_the_same_frames() throws Exception {
    Run twoWay = converse(Repository.file("template.yaml"));
    Run oneWay = converse(TemplateCopy.ofRepository().withOneWayRoutesAndPostedAnswers().writeTo(dir));

    assertThat(twoWay.bobHeard()).containsOnly("privateMessage").hasSize(MESSAGES);
    assertThat(twoWay.aliceHeard()).containsOnly("messageSent").hasSize(MESSAGES);
    assertThat(oneWay.bobHeard()).isEqualTo(twoWay.bobHeard());
    assertThat(oneWay.aliceHeard()).isEqualTo(twoWay.aliceHeard());

    assertThat(twoWay.posts()).as("PostToConnection calls, route responses").isEqualTo(MESSAGES);
    assertThat(twoWay.routeResponses()).isEqualTo(MESSAGES);
    assertThat(oneWay.posts()).as("PostToConnection calls, posted answers").isEqualTo(2L * MESSAGES);
    assertThat(oneWay.routeResponses()).isZero();
  }
}
