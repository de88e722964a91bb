package io.wschat.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.domain.fake.RecordingMessageSender;
import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.model.OutboundMessage.PrivateMessage;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.RateLimiter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UseCasesTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final UserId ALICE = new UserId("alice");
  static final UserId BOB = new UserId("bob");
  static final ConnectionId A1 = new ConnectionId("a1=");
  static final ConnectionId B1 = new ConnectionId("b1=");
  static final ConnectionId B2 = new ConnectionId("b2=");
  static final MessageId M1 = new MessageId("m-1");

  final SimpleConnectionRegistry registry = new SimpleConnectionRegistry();
  final RecordingMessageSender sender = new RecordingMessageSender();
  final RegisterUser register = new RegisterUser(registry);
  final SendPrivateMessage send = new SendPrivateMessage(
      registry, MessageLog.NONE, RateLimiter.NONE, sender, Clock.fixed(NOW, ZoneOffset.UTC), () -> M1);
  final Disconnect disconnect = new Disconnect(registry);

  SendPrivateMessage.Result sendHello(ConnectionId from, UserId to) {
    return send.handle(new SendPrivateMessage.Command(from, to, MessageLimit.DEFAULT.text("Hello!")));
  }

  @Test
  void registration_binds_the_connection_and_sends_nothing() {
    var result = register.handle(new RegisterUser.Command(A1, ALICE));

    assertThat(result).isEqualTo(new RegisterUser.Result.Registered(ALICE));
    assertThat(registry.userOf(A1)).contains(ALICE);
    assertThat(sender.sent()).as("the confirmation is the result, rendered by the edge").isEmpty();
  }

  @Test
  void a_message_reaches_every_connection_of_the_target_and_the_result_acknowledges_it() {
    register.handle(new RegisterUser.Command(A1, ALICE));
    register.handle(new RegisterUser.Command(B1, BOB));
    register.handle(new RegisterUser.Command(B2, BOB));

    var result = sendHello(A1, BOB);

    assertThat(result).isEqualTo(new SendPrivateMessage.Result.Sent(M1, BOB, 2, false, OptionalLong.empty()));
    PrivateMessage expected = new PrivateMessage(ALICE, BOB, MessageLimit.DEFAULT.text("Hello!"), M1, NOW, OptionalLong.empty());
    assertThat(sender.sentTo(B1)).containsExactly(expected);
    assertThat(sender.sentTo(B2)).containsExactly(expected);
    assertThat(sender.sentTo(A1)).as("the sender hears the result, not a delivery").isEmpty();
  }

  @Test
  void an_unregistered_sender_is_rejected_not_failed() {
    register.handle(new RegisterUser.Command(B1, BOB));

    var result = sendHello(A1, BOB);

    assertThat(result).isEqualTo(new SendPrivateMessage.Result.Rejected(Rejection.NOT_REGISTERED));
    assertThat(sender.sent()).isEmpty();
  }

  @Test
  void a_target_without_connections_is_rejected() {
    register.handle(new RegisterUser.Command(A1, ALICE));

    var result = sendHello(A1, BOB);

    assertThat(result).isEqualTo(new SendPrivateMessage.Result.Rejected(Rejection.USER_NOT_CONNECTED));
    assertThat(sender.sent()).isEmpty();
  }

  @Test
  void a_gone_connection_is_unregistered_and_not_counted() {
    register.handle(new RegisterUser.Command(A1, ALICE));
    register.handle(new RegisterUser.Command(B1, BOB));
    register.handle(new RegisterUser.Command(B2, BOB));
    sender.markGone(B2);

    var result = sendHello(A1, BOB);

    assertThat(result).isEqualTo(new SendPrivateMessage.Result.Sent(M1, BOB, 1, false, OptionalLong.empty()));
    assertThat(registry.connectionsOf(BOB)).containsExactly(B1);
    assertThat(registry.userOf(A1)).as("the sender's connection is untouched").contains(ALICE);
  }

  @Test
  void a_busy_connection_is_not_counted_as_delivered_and_stays_registered() {
    register.handle(new RegisterUser.Command(A1, ALICE));
    register.handle(new RegisterUser.Command(B1, BOB));
    register.handle(new RegisterUser.Command(B2, BOB));
    sender.markBusy(B2);

    var result = sendHello(A1, BOB);

    assertThat(result).isEqualTo(new SendPrivateMessage.Result.Sent(M1, BOB, 1, false, OptionalLong.empty()));
    assertThat(sender.sentTo(B2)).as("a busy connection took nothing").isEmpty();
    assertThat(registry.connectionsOf(BOB)).as("busy is not gone").containsExactlyInAnyOrder(B1, B2);
  }

  @Test
  void when_every_target_connection_is_gone_the_target_is_not_connected() {
    register.handle(new RegisterUser.Command(A1, ALICE));
    register.handle(new RegisterUser.Command(B1, BOB));
    sender.markGone(B1);

    var result = sendHello(A1, BOB);

    assertThat(result).isEqualTo(new SendPrivateMessage.Result.Rejected(Rejection.USER_NOT_CONNECTED));
    assertThat(registry.connectionsOf(BOB)).isEmpty();
  }

  @Test
  void a_transient_failure_is_an_exception_not_a_result() {
    register.handle(new RegisterUser.Command(A1, ALICE));
    register.handle(new RegisterUser.Command(B1, BOB));
    register.handle(new RegisterUser.Command(B2, BOB));
    sender.failOn(B1);

    assertThatThrownBy(() -> sendHello(A1, BOB)).isInstanceOf(IllegalStateException.class);
    assertThat(sender.sentTo(B2)).as("the other device was still tried").hasSize(1);
    assertThat(registry.connectionsOf(BOB)).as("a failure is not gone").containsExactlyInAnyOrder(B1, B2);
  }

  @Test
  void the_sender_is_whoever_the_connection_is_registered_as() {
    register.handle(new RegisterUser.Command(A1, ALICE));
    register.handle(new RegisterUser.Command(A1, BOB)); // moved
    register.handle(new RegisterUser.Command(B1, ALICE));

    sendHello(A1, ALICE);

    assertThat(sender.sentTo(B1)).singleElement().isInstanceOfSatisfying(PrivateMessage.class,
        m -> assertThat(m.fromUserId()).isEqualTo(BOB));
  }

  @Test
  void a_verified_sender_is_the_sender_without_asking_the_registry() {
    register.handle(new RegisterUser.Command(B1, BOB));

    var result = send.handle(new SendPrivateMessage.Command(A1, Optional.of(ALICE), BOB,
        MessageLimit.DEFAULT.text("Hello!")));

    assertThat(result).isEqualTo(new SendPrivateMessage.Result.Sent(M1, BOB, 1, false, OptionalLong.empty()));
    assertThat(sender.sentTo(B1)).singleElement().isInstanceOfSatisfying(PrivateMessage.class,
        m -> assertThat(m.fromUserId()).isEqualTo(ALICE));
  }

  @Test
  void disconnect_forgets_the_connection_and_names_its_owner() {
    register.handle(new RegisterUser.Command(A1, ALICE));

    assertThat(disconnect.handle(new Disconnect.Command(A1))).isEqualTo(new Disconnect.Result.Disconnected(ALICE));
    assertThat(registry.userOf(A1)).isEmpty();
    assertThat(disconnect.handle(new Disconnect.Command(A1))).isInstanceOf(Disconnect.Result.WasNotRegistered.class);
  }
}
