package io.wschat.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.adapter.lambda.fixture.Events;
import io.wschat.adapter.lambda.fixture.Harness;
import io.wschat.adapter.lambda.fixture.Harness.Heard;
import io.wschat.domain.fake.CountingConnectionRegistry;
import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.model.UserId;
import io.wschat.domain.usecase.IdentityPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifiedIdentityTest {
  static final String CONNECTION = "BzJ9kcfLjoECIqw=";
  static final String ALICE_PHONE = "BzJ9mdP1joECGfQ=";
  static final Map<String, Object> MALLORY = Map.of("principalId", "mallory", "userId", "mallory");

  final CountingConnectionRegistry registry = new CountingConnectionRegistry(new SimpleConnectionRegistry());
  final Harness chat =
      new Harness(registry, IdentityPolicy.VERIFIED, Acknowledgements.ROUTE_RESPONSE, MessageLimit.DEFAULT);

  @Test
  void connect_registers_the_verified_user_at_once() {
    Heard heard = chat.handle(Events.connect(CONNECTION, MALLORY));

    assertThat(heard.status()).isEqualTo(200);
    assertThat(registry.userOf(new ConnectionId(CONNECTION))).contains(new UserId("mallory"));
    assertThat(chat.sender.sent()).as("nothing can be posted during $connect").isEmpty();
  }

  @Test
  void connect_without_a_verified_user_is_refused() {
    assertThat(chat.handle(Events.connect(CONNECTION)).status()).isEqualTo(403);
    assertThat(registry.userOf(new ConnectionId(CONNECTION))).isEmpty();
  }

  @Test
  void registering_as_another_user_is_forbidden_and_changes_nothing() {
    chat.handle(Events.connect(CONNECTION, MALLORY));

    Heard heard = chat.handle(Events.message(CONNECTION, "registerUser",
        "{\"action\":\"registerUser\",\"userId\":\"alice\"}", MALLORY));

    assertThat(heard.answer().get("code").asText()).isEqualTo("FORBIDDEN");
    assertThat(heard.answer().get("message").asText())
        .isEqualTo("this connection is signed in as mallory and cannot register as alice");
    assertThat(registry.userOf(new ConnectionId(CONNECTION))).contains(new UserId("mallory"));
    assertThat(registry.connectionsOf(new UserId("alice"))).isEmpty();
  }

  @Test
  void registering_as_oneself_is_confirmed() {
    chat.handle(Events.connect(CONNECTION, MALLORY));

    Heard heard = chat.handle(Events.message(CONNECTION, "registerUser",
        "{\"action\":\"registerUser\",\"userId\":\"mallory\"}", MALLORY));

    assertThat(heard.answer().get("type").asText()).isEqualTo("registrationSuccess");
  }

  @Test
  void a_subject_in_capitals_is_the_user_in_canonical_form_and_may_register_in_any_case() {
    Map<String, Object> alice = Map.of("principalId", "Alice", "userId", "Alice");
    chat.handle(Events.connect(CONNECTION, alice));

    Heard lower = chat.handle(Events.message(CONNECTION, "registerUser",
        "{\"action\":\"registerUser\",\"userId\":\"alice\"}", alice));
    Heard upper = chat.handle(Events.message(CONNECTION, "registerUser",
        "{\"action\":\"registerUser\",\"userId\":\"ALICE\"}", alice));

    assertThat(lower.answer().get("userId").asText()).isEqualTo("alice");
    assertThat(upper.answer().get("userId").asText()).isEqualTo("alice");
    assertThat(registry.userOf(new ConnectionId(CONNECTION))).contains(new UserId("alice"));
  }

  @Test
  void the_sender_comes_from_the_authorizer_so_a_send_reads_the_registry_once() {
    chat.handle(Events.connect(CONNECTION, MALLORY));
    chat.handle(Events.connect(ALICE_PHONE, Map.of("userId", "alice")));
    registry.take();

    Heard heard = chat.handle(Events.message(CONNECTION, "sendPrivateMessage",
        "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"alice\",\"message\":\"hi\"}", MALLORY));

    assertThat(heard.answer().get("type").asText()).isEqualTo("messageSent");
    assertThat(registry.take()).containsExactly("connectionsOf");
    assertThat(chat.sender.sent()).singleElement().satisfies(sent -> assertThat(sent.message())
        .isInstanceOfSatisfying(OutboundMessage.PrivateMessage.class,
            m -> assertThat(m.fromUserId()).isEqualTo(new UserId("mallory"))));
  }
}
