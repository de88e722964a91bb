package io.wschat.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.adapter.lambda.fixture.Events;
import io.wschat.adapter.lambda.fixture.Harness;
import io.wschat.adapter.lambda.fixture.Harness.Heard;
import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.usecase.IdentityPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The caller hears the same answers either way; only how they travel, and what they cost, differs. */
class AcknowledgementsTest {
  static final String ALICE = "BzJ9kcfLjoECIqw=";
  static final String BOB = "BzJ9mdP1joECGfQ=";

  List<String> conversation(Harness chat) {
    List<String> answers = new ArrayList<>();
    for (var event : List.of(
        Events.message(ALICE, "registerUser", "{\"action\":\"registerUser\",\"userId\":\"alice\"}"),
        Events.message(BOB, "registerUser", "{\"action\":\"registerUser\",\"userId\":\"bob\"}"),
        Events.message(ALICE, "sendPrivateMessage",
            "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"Hello!\"}"),
        Events.message(ALICE, "sendPrivateMessage",
            "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"carol\",\"message\":\"Hi?\"}"),
        Events.message(ALICE, "$default", "{\"action\":\"dance\"}"))) {
      Heard heard = chat.handle(event);
      answers.add(heard.answer().get("type").asText() + "/" + heard.answer().path("code").asText());
    }
    return answers;
  }

  @ParameterizedTest
  @EnumSource(Acknowledgements.class)
  void both_modes_answer_every_request_with_the_same_frames(Acknowledgements mode) {
    Harness chat = new Harness(new SimpleConnectionRegistry(), IdentityPolicy.OPEN, mode, MessageLimit.DEFAULT);

    assertThat(conversation(chat)).containsExactly("registrationSuccess/", "registrationSuccess/", "messageSent/",
        "error/USER_NOT_CONNECTED", "error/UNKNOWN_ACTION");
    assertThat(chat.sender.sent()).as("deliveries").hasSize(1);
    assertThat(chat.posted()).as("answers posted").hasSize(mode == Acknowledgements.POST ? 5 : 0);
  }

  @Test
  void posting_keeps_the_handled_status_and_sends_no_body() {
    Harness chat = new Harness(new SimpleConnectionRegistry(), IdentityPolicy.OPEN, Acknowledgements.POST,
        MessageLimit.DEFAULT);

    Heard bad = chat.handle(Events.message(ALICE, "registerUser", "{\"action\":\"registerUser\",\"userId\":7}"));

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.response().body()).isNull();
    assertThat(bad.answer().get("code").asText()).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void a_route_response_is_always_status_200_so_api_gateway_sends_its_body() {
    Harness chat = new Harness(new SimpleConnectionRegistry());

    Heard bad = chat.handle(Events.message(ALICE, "registerUser", "{\"action\":\"registerUser\",\"userId\":7}"));

    assertThat(bad.status()).isEqualTo(200);
    assertThat(bad.answer().get("code").asText()).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void a_connection_gone_before_its_posted_answer_is_forgotten() {
    SimpleConnectionRegistry registry = new SimpleConnectionRegistry();
    Harness chat = new Harness(registry, IdentityPolicy.OPEN, Acknowledgements.POST, MessageLimit.DEFAULT);
    chat.markGone(new ConnectionId(ALICE));

    chat.handle(Events.message(ALICE, "registerUser", "{\"action\":\"registerUser\",\"userId\":\"alice\"}"));

    assertThat(registry.userOf(new ConnectionId(ALICE))).isEmpty();
  }

  @Test
  void the_setting_is_spelled_route_response_or_post() {
    assertThat(Acknowledgements.of(" Route-Response ")).contains(Acknowledgements.ROUTE_RESPONSE);
    assertThat(Acknowledgements.of("post")).contains(Acknowledgements.POST);
    assertThat(Acknowledgements.of("both")).isEmpty();
    assertThat(Acknowledgements.allowed()).isEqualTo("route-response, post");
  }
}
