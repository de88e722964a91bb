package io.wschat.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.adapter.lambda.fixture.Events;
import io.wschat.adapter.lambda.fixture.Harness;
import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.usecase.IdentityPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The token subprotocol: what is read from the offer, and what an accepted $connect selects. */
class SubprotocolsTest {
  static final String CONNECTION = "BzJ9kcfLjoECIqw=";
  static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
  static final Map<String, Object> ALICE = Map.of("principalId", "alice", "userId", "alice");

  @Test
  void the_token_is_read_from_the_prefixed_offer_and_wschat_is_selected_only_when_offered() {
    String offer = "wschat, wschat.token." + JWT;
    assertThat(Subprotocols.token(offer)).contains(JWT);
    assertThat(Subprotocols.selected(offer)).contains("wschat");
    assertThat(Subprotocols.token("wschat.token." + JWT + ",wschat")).contains(JWT);
    assertThat(Subprotocols.selected("chat1, wschat.token." + JWT)).isEmpty();
    assertThat(Subprotocols.token("wschat")).isEmpty();
    assertThat(Subprotocols.token("wschat, wschat.token.")).isEmpty();
    assertThat(Subprotocols.token(null)).isEmpty();
    assertThat(Subprotocols.selected(null)).isEmpty();
    assertThat(Subprotocols.selected("wschatx, xwschat")).isEmpty();
  }

  @Test
  void an_accepted_connect_selects_wschat_never_the_token() {
    Harness chat = new Harness(new SimpleConnectionRegistry(), IdentityPolicy.VERIFIED,
        Acknowledgements.ROUTE_RESPONSE, MessageLimit.DEFAULT);
    WebSocketResponse response = chat.handle(Events.connectOffering(CONNECTION, "wschat, wschat.token." + JWT,
        ALICE)).response();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers()).containsExactly(Map.entry("Sec-WebSocket-Protocol", "wschat"));
    assertThat(chat.context.logLines()).noneSatisfy(line -> assertThat(line).contains(JWT.substring(0, 20)));
  }

  @Test
  void a_connect_without_the_offer_or_refused_answers_no_subprotocol() {
    Harness open = new Harness(new SimpleConnectionRegistry(), IdentityPolicy.OPEN,
        Acknowledgements.ROUTE_RESPONSE, MessageLimit.DEFAULT);
    assertThat(open.handle(Events.connect(CONNECTION)).response().headers()).isEmpty();
    assertThat(open.handle(Events.connectOffering(CONNECTION, "chat1, chat2", Map.of())).response().headers())
        .isEmpty();

    Harness verified = new Harness(new SimpleConnectionRegistry(), IdentityPolicy.VERIFIED,
        Acknowledgements.ROUTE_RESPONSE, MessageLimit.DEFAULT);
    WebSocketResponse refused = verified.handle(Events.connectOffering(CONNECTION, "wschat", Map.of())).response();
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers()).isEmpty();
  }
}
