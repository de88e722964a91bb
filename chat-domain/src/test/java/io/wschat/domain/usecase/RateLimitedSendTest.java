package io.wschat.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.fake.MutableClock;
import io.wschat.domain.fake.RecordingMessageSender;
import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.fake.SimpleMessageLog;
import io.wschat.domain.fake.SimpleRateLimiter;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.model.SendRate;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A sender over their rate is refused before anything is kept or delivered, and told how long to wait. */
class RateLimitedSendTest {
  static final UserId ALICE = new UserId("alice");
  static final UserId BOB = new UserId("bob");
  static final ConnectionId A1 = new ConnectionId("a1=");
  static final ConnectionId B1 = new ConnectionId("b1=");
  static final ConnectionId X1 = new ConnectionId("x1=");

  final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  final SimpleConnectionRegistry registry = new SimpleConnectionRegistry();
  final SimpleMessageLog log = new SimpleMessageLog(clock, Duration.ofDays(1));
  final RecordingMessageSender sender = new RecordingMessageSender();
  final AtomicInteger ids = new AtomicInteger();
  final SendPrivateMessage send = new SendPrivateMessage(registry, log, new SimpleRateLimiter(new SendRate(2, 3)),
      sender, clock, () -> new MessageId("m-" + ids.incrementAndGet()));

  RateLimitedSendTest() {
    registry.register(A1, ALICE);
    registry.register(B1, BOB);
  }

  SendPrivateMessage.Result hello(ConnectionId from) {
    return send.handle(new SendPrivateMessage.Command(from, BOB, MessageLimit.DEFAULT.text("hello")));
  }

  private int kept() {
    return log.history(Conversation.between(ALICE, BOB), OptionalLong.empty(), MessageLog.MAX_PAGE).messages().size();
  }

  @Test
  void a_send_over_the_burst_is_refused_with_the_wait_and_nothing_is_kept_or_delivered() {
    for (int i = 0; i < 3; i++) {
      assertThat(hello(A1)).isInstanceOf(SendPrivateMessage.Result.Sent.class);
    }

    assertThat(hello(A1)).isEqualTo(new SendPrivateMessage.Result.RateLimited(Duration.ofMillis(500)));
    assertThat(kept()).isEqualTo(3);
    assertThat(sender.sentTo(B1)).hasSize(3);
    assertThat(ids.get()).as("no message id was even drawn for the refused send").isEqualTo(3);
  }

  @Test
  void after_the_wait_the_sender_may_send_again() {
    for (int i = 0; i < 3; i++) {
      hello(A1);
    }
    clock.advance(Duration.ofMillis(499));
    assertThat(hello(A1)).isEqualTo(new SendPrivateMessage.Result.RateLimited(Duration.ofMillis(1)));

    clock.advance(Duration.ofMillis(1));

    assertThat(hello(A1)).isInstanceOf(SendPrivateMessage.Result.Sent.class);
    assertThat(kept()).isEqualTo(4);
  }

  @Test
  void an_unregistered_caller_is_not_registered_and_takes_nobodys_budget() {
    for (int i = 0; i < 10; i++) {
      assertThat(hello(X1)).isEqualTo(new SendPrivateMessage.Result.Rejected(Rejection.NOT_REGISTERED));
    }

    assertThat(hello(A1)).isInstanceOf(SendPrivateMessage.Result.Sent.class);
  }

  @Test
  void the_budget_is_the_users_across_all_their_connections_and_identities() {
    ConnectionId a2 = new ConnectionId("a2=");
    registry.register(a2, ALICE);
    hello(A1);
    hello(a2);
    send.handle(new SendPrivateMessage.Command(X1, Optional.of(ALICE), BOB, MessageLimit.DEFAULT.text("verified")));

    assertThat(hello(a2)).isInstanceOf(SendPrivateMessage.Result.RateLimited.class);
  }

  @Test
  void the_limiter_is_asked_with_the_senders_id_and_the_use_cases_clock() {
    RateLimiter recording = (user, now) -> {
      assertThat(user).isEqualTo(ALICE);
      assertThat(now).isEqualTo(clock.instant());
      return new RateLimiter.Decision.Refused(Duration.ofSeconds(7));
    };
    SendPrivateMessage limited = new SendPrivateMessage(registry, log, recording, sender, clock, MessageId::random);

    assertThat(limited.handle(new SendPrivateMessage.Command(A1, BOB, MessageLimit.DEFAULT.text("hi"))))
        .isEqualTo(new SendPrivateMessage.Result.RateLimited(Duration.ofSeconds(7)));
    assertThat(sender.sent()).isEmpty();
  }
}
