package io.wschat.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.fake.CountingConnectionRegistry;
import io.wschat.domain.fake.RecordingMessageSender;
import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.RateLimiter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The registry operations each action costs, per identity mode: the table in docs/storage.md. Each store answers
 * one operation with one request (DynamoDbRequestsIT, RedisRoundTripIT), so these are the store requests too.
 */
class RegistryRequestsTest {
  static final UserId ALICE = new UserId("alice");
  static final UserId BOB = new UserId("bob");
  static final ConnectionId A1 = new ConnectionId("a1=");
  static final ConnectionId B1 = new ConnectionId("b1=");

  final CountingConnectionRegistry registry = new CountingConnectionRegistry(new SimpleConnectionRegistry());
  final RecordingMessageSender sender = new RecordingMessageSender();
  final SendPrivateMessage send = new SendPrivateMessage(registry, MessageLog.NONE, RateLimiter.NONE, sender);

  @Test
  void auth_none_connect_0_register_1_send_2_disconnect_1() {
    Connect connect = new Connect(registry, IdentityPolicy.OPEN);
    RegisterUser register = new RegisterUser(registry, IdentityPolicy.OPEN);

    connect.handle(new Connect.Command(A1, Optional.empty()));
    assertThat(registry.take()).isEmpty();
    register.handle(new RegisterUser.Command(A1, ALICE));
    register.handle(new RegisterUser.Command(B1, BOB));
    assertThat(registry.take()).containsExactly("register", "register");
    send.handle(new SendPrivateMessage.Command(A1, BOB, MessageLimit.DEFAULT.text("hi")));
    assertThat(registry.take()).containsExactly("userOf", "connectionsOf");
    new Disconnect(registry).handle(new Disconnect.Command(A1));
    assertThat(registry.take()).containsExactly("unregister");
  }

  @Test
  void auth_jwt_connect_1_send_1_the_sender_comes_from_the_authorizer() {
    Connect connect = new Connect(registry, IdentityPolicy.VERIFIED);

    connect.handle(new Connect.Command(A1, Optional.of(ALICE)));
    connect.handle(new Connect.Command(B1, Optional.of(BOB)));
    assertThat(registry.take()).containsExactly("register", "register");
    send.handle(new SendPrivateMessage.Command(A1, Optional.of(ALICE), BOB, MessageLimit.DEFAULT.text("hi")));
    assertThat(registry.take()).containsExactly("connectionsOf");
  }

  @Test
  void a_gone_target_connection_costs_one_unregister() {
    new RegisterUser(registry).handle(new RegisterUser.Command(B1, BOB));
    sender.markGone(B1);
    registry.take();

    send.handle(new SendPrivateMessage.Command(A1, Optional.of(ALICE), BOB, MessageLimit.DEFAULT.text("hi")));

    assertThat(registry.take()).containsExactly("connectionsOf", "unregister");
  }
}
