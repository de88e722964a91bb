package io.wschat.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.fake.RecordingMessageSender;
import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.ErrorCode;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.model.UserId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentityTest {
  static final UserId ALICE = new UserId("alice");
  static final UserId MALLORY = new UserId("mallory");
  static final ConnectionId C1 = new ConnectionId("c1=");

  final SimpleConnectionRegistry registry = new SimpleConnectionRegistry();
  final RecordingMessageSender sender = new RecordingMessageSender();
  final RegisterUser register = new RegisterUser(registry, sender, IdentityPolicy.VERIFIED);
  final Connect connect = new Connect(registry, IdentityPolicy.VERIFIED);

  @Test
  void a_verified_connection_is_registered_at_connect_without_sending() {
    var result = connect.handle(new Connect.Command(C1, Optional.of(ALICE)));

    assertThat(result).isEqualTo(new Connect.Result.Accepted(Optional.of(ALICE)));
    assertThat(registry.userOf(C1)).contains(ALICE);
    assertThat(sender.sent()).isEmpty();
  }

  @Test
  void without_an_identity_a_verified_api_refuses_the_connection() {
    assertThat(connect.handle(new Connect.Command(C1, Optional.empty())))
        .isEqualTo(new Connect.Result.Rejected(Rejection.FORBIDDEN));
    assertThat(new Connect(registry, IdentityPolicy.OPEN).handle(new Connect.Command(C1, Optional.empty())))
        .isEqualTo(new Connect.Result.Accepted(Optional.empty()));
    assertThat(registry.userOf(C1)).isEmpty();
  }

  @Test
  void registering_as_someone_else_is_forbidden_and_changes_nothing() {
    connect.handle(new Connect.Command(C1, Optional.of(MALLORY)));

    var result = register.handle(new RegisterUser.Command(C1, ALICE, Optional.of(MALLORY)));

    assertThat(result).isEqualTo(new RegisterUser.Result.Rejected(Rejection.FORBIDDEN));
    assertThat(registry.userOf(C1)).contains(MALLORY);
    assertThat(registry.connectionsOf(ALICE)).isEmpty();
    assertThat(sender.sentTo(C1)).singleElement().isInstanceOfSatisfying(OutboundMessage.Error.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
  }

  @Test
  void registering_as_oneself_is_confirmed() {
    var result = register.handle(new RegisterUser.Command(C1, ALICE, Optional.of(ALICE)));

    assertThat(result).isEqualTo(new RegisterUser.Result.Registered(ALICE));
    assertThat(sender.sentTo(C1)).containsExactly(new OutboundMessage.RegistrationSuccess(ALICE));
  }

  @Test
  void a_verified_policy_refuses_registration_without_identity() {
    var result = register.handle(new RegisterUser.Command(C1, ALICE));

    assertThat(result).isEqualTo(new RegisterUser.Result.Rejected(Rejection.FORBIDDEN));
    assertThat(registry.userOf(C1)).isEmpty();
  }
}
