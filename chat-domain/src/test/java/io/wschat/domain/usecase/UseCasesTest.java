package io.wschat.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.domain.fake.RecordingMessageSender;
import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.model.Action;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.ErrorCode;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.model.OutboundMessage.MessageSent;
import io.wschat.domain.model.OutboundMessage.PrivateMessage;
import io.wschat.domain.model.OutboundMessage.RegistrationSuccess;
import io.wschat.domain.model.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UseCasesTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final UserId ALICE = new UserId("alice");
  static final UserId BOB = new UserId("bob");
  static final ConnectionId A1 = new ConnectionId("a1=");
  static final ConnectionId B1 = new ConnectionId("b1=");
  static final ConnectionId B2 = new ConnectionId("b2=");

  final SimpleConnectionRegistry registry = new SimpleConnectionRegistry();
  final RecordingMessageSender sender = new RecordingMessageSender();
  final RegisterUser register = new RegisterUser(registry, sender);
  final SendPrivateMessage send = new SendPrivateMessage(
      registry, sender, Clock.fixed(NOW, ZoneOffset.UTC), () -> new MessageId("m-1"));
  final Disconnect disconnect = new Disconnect(registry);

  SendPrivateMessage.Result sendHello(ConnectionId from, UserId to) {
    return send.handle(new SendPrivateMessage.Command(from, to, MessageLimit.DEFAULT.text("Hello!")));
  }

  @Test
  void registration_binds_the_connection_and_confirms_it() {
    var result = register.handle(new RegisterUser.Command(A1, ALICE));

    assertThat(result).isEqualTo(new RegisterUser.Result.Registered(ALICE));
    assertThat(registry.userOf(A1)).contains(ALICE);
    assertThat(sender.sentTo(A1)).containsExactly(new RegistrationSuccess(ALICE));
  }

  @Test
  void registration_of_a_connection_already_gone_is_undone() {
    sender.markGone(A1);

    var result = register.handle(new RegisterUser.Command(A1, ALICE));

    assertThat(result).isInstanceOf(RegisterUser.Result.ConnectionGone.class);
    assertThat(registry.userOf(A1)).isEmpty();
  }

  @Test
  void a_message_reaches_every_connection_of_the_target_and_is_acknowledged() {
    register.handle(new RegisterUser.Command(A1, ALICE));
    register.handle(new RegisterUser.Command(B1, BOB));
    register.handle(new RegisterUser.Command(B2, BOB));
    sender.clear();

    var result = sendHello(A1, BOB);

    assertThat(result).isEqualTo(new SendPrivateMessage.Result.Sent(new MessageId("m-1"), 2));
    PrivateMessage expected = new PrivateMessage(ALICE, MessageLimit.DEFAULT.text("Hello!"), new MessageId("m-1"), NOW);
    assertThat(sender.sentTo(B1)).containsExactly(expected);
    assertThat(sender.sentTo(B2)).containsExactly(expected);
    assertThat(sender.sentTo(A1)).containsExactly(new MessageSent(new MessageId("m-1"), BOB, 2));
  }

  @Test
  void an_unregistered_sender_is_rejected_not_failed() {
    register.handle(new RegisterUser.Command(B1, BOB));
    sender.clear();

    var result = sendHello(A1, BOB);

    assertThat(result).isEqualTo(new SendPrivateMessage.Result.Rejected(Rejection.NOT_REGISTERED));
    assertThat(sender.sentTo(B1)).isEmpty();
    assertThat(sender.sentTo(A1)).singleElement().isInstanceOfSatisfying(OutboundMessage.Error.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.NOT_REGISTERED);
      assertThat(e.action()).contains(Action.SEND_PRIVATE_MESSAGE);
    });
  }

  @Test
  void a_target_without_connections_is_rejected() {
    register.handle(new RegisterUser.Command(A1, ALICE));
    sender.clear();

    var result = sendHello(A1, BOB);

    assertThat(result).isEqualTo(new SendPrivateMessage.Result.Rejected(Rejection.USER_NOT_CONNECTED));
    assertThat(sender.sentTo(A1)).singleElement().isInstanceOfSatisfying(OutboundMessage.Error.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_NOT_CONNECTED));
  }

  @Test
  void a_gone_connection_is_unregistered_and_not_counted() {
    register.handle(new RegisterUser.Command(A1, ALICE));
    register.handle(new RegisterUser.Command(B1, BOB));
    register.handle(new RegisterUser.Command(B2, BOB));
    sender.markGone(B2);
    sender.clear();

    var result = sendHello(A1, BOB);

    assertThat(result).isEqualTo(new SendPrivateMessage.Result.Sent(new MessageId("m-1"), 1));
    assertThat(registry.connectionsOf(BOB)).containsExactly(B1);
    assertThat(registry.userOf(A1)).as("the sender's connection is untouched").contains(ALICE);
  }

  @Test
  void when_every_target_connection_is_gone_the_target_is_not_connected() {
    register.handle(new RegisterUser.Command(A1, ALICE));
    register.handle(new RegisterUser.Command(B1, BOB));
    sender.markGone(B1);
    sender.clear();

    var result = sendHello(A1, BOB);

    assertThat(result).isEqualTo(new SendPrivateMessage.Result.Rejected(Rejection.USER_NOT_CONNECTED));
    assertThat(registry.connectionsOf(BOB)).isEmpty();
  }

  @Test
  void a_transient_failure_is_an_exception_not_an_acknowledgement() {
    register.handle(new RegisterUser.Command(A1, ALICE));
    register.handle(new RegisterUser.Command(B1, BOB));
    register.handle(new RegisterUser.Command(B2, BOB));
    sender.failOn(B1);
    sender.clear();

    assertThatThrownBy(() -> sendHello(A1, BOB)).isInstanceOf(IllegalStateException.class);
    assertThat(sender.sentTo(B2)).as("the other device was still tried").hasSize(1);
    assertThat(sender.sentTo(A1)).as("no acknowledgement").isEmpty();
    assertThat(registry.connectionsOf(BOB)).as("a failure is not gone").containsExactlyInAnyOrder(B1, B2);
  }

  @Test
  void the_sender_is_whoever_the_connection_is_registered_as() {
    register.handle(new RegisterUser.Command(A1, ALICE));
    register.handle(new RegisterUser.Command(A1, BOB)); // moved
    register.handle(new RegisterUser.Command(B1, ALICE));
    sender.clear();

    sendHello(A1, ALICE);

    assertThat(sender.sentTo(B1)).singleElement().isInstanceOfSatisfying(PrivateMessage.class,
        m -> assertThat(m.fromUserId()).isEqualTo(BOB));
  }

  @Test
  void disconnect_forgets_the_connection_and_names_its_owner() {
    register.handle(new RegisterUser.Command(A1, ALICE));

    assertThat(disconnect.handle(new Disconnect.Command(A1))).isEqualTo(new Disconnect.Result.Disconnected(ALICE));
    assertThat(registry.userOf(A1)).isEmpty();
    assertThat(disconnect.handle(new Disconnect.Command(A1))).isInstanceOf(Disconnect.Result.WasNotRegistered.class);
  }

  @Test
  void the_wire_error_carries_an_optional_action() {
    assertThat(new OutboundMessage.Error(ErrorCode.INVALID_REQUEST, "bad", Optional.empty()).action()).isEmpty();
  }
}
