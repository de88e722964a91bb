package io.wschat.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentityTest {
  static final UserId ALICE = new UserId("alice");
  static final UserId MALLORY = new UserId("mallory");
  static final ConnectionId C1 = new ConnectionId("c1=");

  final SimpleConnectionRegistry registry = new SimpleConnectionRegistry();
  final RegisterUser register = new RegisterUser(registry, IdentityPolicy.VERIFIED);
  final Connect connect = new Connect(registry, IdentityPolicy.VERIFIED);

  @Test
  void a_verified_connection_is_registered_at_connect() {
    var result = connect.handle(new Connect.Command(C1, Optional.of(ALICE)));

    assertThat(result).isEqualTo(new Connect.Result.Accepted(Optional.of(ALICE)));
    assertThat(registry.userOf(C1)).contains(ALICE);
  }

  @Test
  void without_an_identity_a_verified_api_refuses_the_connection() {
    assertThat(connect.handle(new Connect.Command(C1, Optional.empty())))
        .isEqualTo(new Connect.Result.Rejected(Rejection.NOT_SIGNED_IN));
    assertThat(new Connect(registry, IdentityPolicy.OPEN).handle(new Connect.Command(C1, Optional.empty())))
        .isEqualTo(new Connect.Result.Accepted(Optional.empty()));
    assertThat(registry.userOf(C1)).isEmpty();
  }

  @Test
  void registering_as_someone_else_is_rejected_and_changes_nothing() {
    connect.handle(new Connect.Command(C1, Optional.of(MALLORY)));

    var result = register.handle(new RegisterUser.Command(C1, ALICE, Optional.of(MALLORY)));

    assertThat(result).isEqualTo(new RegisterUser.Result.Rejected(Rejection.SIGNED_IN_AS_ANOTHER_USER));
    assertThat(registry.userOf(C1)).contains(MALLORY);
    assertThat(registry.connectionsOf(ALICE)).isEmpty();
  }

  @Test
  void a_verified_identity_pins_the_user_even_on_an_open_api() {
    var open = new RegisterUser(registry, IdentityPolicy.OPEN);

    assertThat(open.handle(new RegisterUser.Command(C1, ALICE, Optional.of(MALLORY))))
        .isEqualTo(new RegisterUser.Result.Rejected(Rejection.SIGNED_IN_AS_ANOTHER_USER));
    assertThat(registry.userOf(C1)).isEmpty();
  }

  @Test
  void registering_as_oneself_is_confirmed() {
    var result = register.handle(new RegisterUser.Command(C1, ALICE, Optional.of(ALICE)));

    assertThat(result).isEqualTo(new RegisterUser.Result.Registered(ALICE));
    assertThat(registry.userOf(C1)).contains(ALICE);
  }

  @Test
  void a_verified_policy_refuses_registration_without_identity() {
    var result = register.handle(new RegisterUser.Command(C1, ALICE));

    assertThat(result).isEqualTo(new RegisterUser.Result.Rejected(Rejection.NOT_SIGNED_IN));
    assertThat(registry.userOf(C1)).isEmpty();
  }
}
