package io.wschat.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.adapter.lambda.EventLog.Level;
import io.wschat.adapter.lambda.fixture.Events;
import io.wschat.adapter.lambda.fixture.TestContext;
import io.wschat.domain.fake.RecordingMessageSender;
import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.ErrorCode;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.model.UserId;
import io.wschat.domain.usecase.IdentityPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a $connect authorizer, a connection is the user it verified, and no one else. */
class VerifiedIdentityTest {
  static final String CONNECTION = "BzJ9kcfLjoECIqw=";
  static final Map<String, Object> MALLORY = Map.of("principalId", "mallory", "userId", "mallory");

  final SimpleConnectionRegistry registry = new SimpleConnectionRegistry();
  final RecordingMessageSender sender = new RecordingMessageSender();
  final WebSocketEventHandler handler = new WebSocketEventHandler(registry, (d, s) -> sender,
      new WireProtocol(MessageLimit.DEFAULT), new EventLog(Level.INFO), IdentityPolicy.VERIFIED);

  @Test
  void connect_registers_the_verified_user_at_once() {
    int status = handler.handle(Events.connect(CONNECTION, MALLORY), new TestContext()).getStatusCode();

    assertThat(status).isEqualTo(200);
    assertThat(registry.userOf(new ConnectionId(CONNECTION))).contains(new UserId("mallory"));
    assertThat(sender.sent()).as("nothing can be posted during $connect").isEmpty();
  }

  @Test
  void connect_without_a_verified_user_is_refused() {
    int status = handler.handle(Events.connect(CONNECTION), new TestContext()).getStatusCode();

    assertThat(status).isEqualTo(403);
    assertThat(registry.userOf(new ConnectionId(CONNECTION))).isEmpty();
  }

  @Test
  void registering_as_another_user_is_forbidden_and_changes_nothing() {
    handler.handle(Events.connect(CONNECTION, MALLORY), new TestContext());

    int status = handler.handle(Events.message(CONNECTION, "registerUser",
        "{\"action\":\"registerUser\",\"userId\":\"alice\"}", MALLORY), new TestContext()).getStatusCode();

    assertThat(status).isEqualTo(200);
    assertThat(registry.userOf(new ConnectionId(CONNECTION))).contains(new UserId("mallory"));
    assertThat(registry.connectionsOf(new UserId("alice"))).isEmpty();
    assertThat(sender.sentTo(new ConnectionId(CONNECTION))).singleElement()
        .isInstanceOfSatisfying(OutboundMessage.Error.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
  }

  @Test
  void registering_as_oneself_is_confirmed() {
    handler.handle(Events.connect(CONNECTION, MALLORY), new TestContext());

    handler.handle(Events.message(CONNECTION, "registerUser",
        "{\"action\":\"registerUser\",\"userId\":\"mallory\"}", MALLORY), new TestContext());

    assertThat(sender.sentTo(new ConnectionId(CONNECTION)))
        .containsExactly(new OutboundMessage.RegistrationSuccess(new UserId("mallory")));
  }
}
