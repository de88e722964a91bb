package io.wschat.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wschat.adapter.lambda.fixture.Events;
import io.wschat.adapter.lambda.fixture.Harness;
import io.wschat.adapter.lambda.fixture.Harness.Heard;
import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.fake.SimpleMessageLog;
import io.wschat.domain.fake.SimpleRateLimiter;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.model.SendRate;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.usecase.IdentityPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A send over the rate is answered RATE_LIMITED with retryAfterMs, like any rejection; nothing is kept or sent. */
class RateLimitedFrameTest {
  static final String ALICE = "BzJ9kcfLjoECIqw=";
  static final String BOB = "BzJ9mdP1joECGfQ=";
  static final String SEND = "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"hi\"}";
  // One message every 1,000 s, two at once: the third waits ~1,000 s, whatever the test's own speed.
  static final SendRate RATE = new SendRate(0.001, 2);

  final SimpleConnectionRegistry registry = new SimpleConnectionRegistry();
  final SimpleMessageLog log = new SimpleMessageLog(Clock.systemUTC(), Duration.ofDays(1));

  @ParameterizedTest
  @EnumSource(Acknowledgements.class)
  void the_send_over_the_burst_is_refused_with_the_wait_in_milliseconds_and_nothing_else_happens(
      Acknowledgements acknowledgements) {
    Harness chat = new Harness(registry, log, new SimpleRateLimiter(RATE), IdentityPolicy.OPEN, acknowledgements,
        MessageLimit.DEFAULT);
    chat.handle(Events.message(ALICE, "registerUser", "{\"action\":\"registerUser\",\"userId\":\"alice\"}"));
    chat.handle(Events.message(BOB, "registerUser", "{\"action\":\"registerUser\",\"userId\":\"bob\"}"));
    assertThat(chat.handle(Events.message(ALICE, "sendPrivateMessage", SEND)).answer().get("type").asText())
        .isEqualTo("messageSent");
    chat.handle(Events.message(ALICE, "sendPrivateMessage", SEND));
    int logLines = chat.context.logLines().size();

    Heard heard = chat.handle(Events.message(ALICE, "sendPrivateMessage", SEND));

    assertThat(heard.status()).isEqualTo(200);
    JsonNode frame = heard.answer();
    assertThat(frame.get("type").asText()).isEqualTo("error");
    assertThat(frame.get("code").asText()).isEqualTo("RATE_LIMITED");
    assertThat(frame.get("action").asText()).isEqualTo("sendPrivateMessage");
    assertThat(frame.get("retryAfterMs").isIntegralNumber()).isTrue();
    assertThat(frame.get("retryAfterMs").asLong()).isBetween(990_000L, 1_000_000L);
    assertThat(frame.get("message").asText()).contains("too fast").contains(frame.get("retryAfterMs").asText());
    assertThat(log.history(Conversation.between(new UserId("alice"), new UserId("bob")), OptionalLong.empty(),
        MessageLog.MAX_PAGE).messages()).hasSize(2);
    assertThat(chat.sender.sent()).hasSize(2);
    JsonNode line = Harness.parse(chat.context.logLines().get(logLines));
    assertThat(line.get("code").asText()).isEqualTo("RATE_LIMITED");
    assertThat(line.get("outcome").asText()).isEqualTo("rejected");
    assertThat(line.get("retryAfterMs").asLong()).isEqualTo(frame.get("retryAfterMs").asLong());
  }
}
