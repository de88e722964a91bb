package io.wschat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.adapter.lambda.fixture.Events;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a 1:1 message costs in Management API calls, counted on a real HTTP Management API: one PostToConnection
 * (the delivery) when the acknowledgement is a route response, two when it is posted too.
 */
class PostsPerMessageTest {
  static final String ALICE = "L0SM9cOFvHcCIhw=";
  static final String BOB = "L0SM9dB2vHcCFvQ=";
  static final int MESSAGES = 20;

  ManagementApiTestServer api;

  @AfterEach
  void stop() {
    api.close();
  }

  int postsPerMessage(String acknowledgeVia) throws Exception {
    api = new ManagementApiTestServer("prod");
    ChatLambdaHandler handler = new ChatLambdaHandler(ChatConfig.from(Map.of("CHAT_STORE", "memory",
        "WEBSOCKET_CALLBACK_URL", api.endpoint().toString(), "ACKNOWLEDGE_VIA", acknowledgeVia)));
    ChatLambdaHandlerTest.invoke(handler, Events.json("message.json", ALICE, "registerUser",
        "{\"action\":\"registerUser\",\"userId\":\"alice\"}"));
    ChatLambdaHandlerTest.invoke(handler, Events.json("message.json", BOB, "registerUser",
        "{\"action\":\"registerUser\",\"userId\":\"bob\"}"));
    int before = api.allFrames().size();
    for (int i = 0; i < MESSAGES; i++) {
      ChatLambdaHandlerTest.invoke(handler, Events.json("message.json", ALICE, "sendPrivateMessage",
          "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"m" + i + "\"}"));
    }
    assertThat(api.framesTo(BOB).stream().filter(f -> f.contains("privateMessage"))).as("every message delivered")
        .hasSize(MESSAGES);
    int posts = api.allFrames().size() - before;
    assertThat(posts % MESSAGES).isZero();
    return posts / MESSAGES;
  }

  @Test
  void with_route_responses_a_message_costs_one_post() throws Exception {
    assertThat(postsPerMessage("route-response")).isEqualTo(1);
    assertThat(api.framesTo(ALICE)).as("nothing posted to the sender").isEmpty();
  }

  @Test
  void with_post_a_message_costs_two() throws Exception {
    assertThat(postsPerMessage("post")).isEqualTo(2);
  }
}
