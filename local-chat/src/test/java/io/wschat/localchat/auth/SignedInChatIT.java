package io.wschat.localchat.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.wschat.adapter.lambda.Routes;
import io.wschat.bootstrap.ChatConfig;
import io.wschat.bootstrap.ChatLambdaHandler;
import io.wschat.bootstrap.TokenAuthorizer;
import io.wschat.bootstrap.auth.AuthorizerConfig;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.localgateway.LocalGateway;
import io.wschat.localgateway.WsClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's promise, through the local gateway with the real TokenAuthorizer on $connect and the real chat handler
 * in jwt mode: bad tokens never reach the chat, a good one is its subject at once, and impersonation is refused.
 */
class SignedInChatIT {
  static final String SECRET = "a-development-secret-of-32-bytes!";
  static final String ISSUER = "wschat-test";
  static final String AUDIENCE = "wschat-test-client";

  /** Counts what reaches the chat handler, so a test can show that a refused token never did. */
  static final class CountingChat implements RequestStreamHandler {
    final ChatLambdaHandler chat;
    final AtomicInteger invocations = new AtomicInteger();

    CountingChat(ChatLambdaHandler chat) {
      this.chat = chat;
    }

    @Override
    public void handleRequest(java.io.InputStream input, java.io.OutputStream output, Context context)
        throws java.io.IOException {
      invocations.incrementAndGet();
      chat.handleRequest(input, output, context);
    }
  }

  LocalGateway gateway;
  CountingChat chat;

  @BeforeEach
  void start() {
    int port = freePort();
    ChatLambdaHandler handler = new ChatLambdaHandler(ChatConfig.from(Map.of("CHAT_STORE", "memory",
        "AUTH_MODE", "jwt", "WEBSOCKET_CALLBACK_URL", "http://127.0.0.1:" + port + "/local")));
    chat = new CountingChat(handler);
    TokenAuthorizer authorizer = new TokenAuthorizer(Map.of(AuthorizerConfig.JWT_SECRET, SECRET,
        AuthorizerConfig.JWT_ISSUER, ISSUER, AuthorizerConfig.JWT_AUDIENCE, AUDIENCE));
    var builder = LocalGateway.builder().port(port).stage("local")
        .authorizer(authorizer, List.of()); // as template.yaml: no identity source, the token may be in two places
    Routes.ALL.forEach(route -> builder.route(route, chat));
    Routes.ANSWERED.forEach(builder::routeResponse);
    gateway = builder.build().start();
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  static int freePort() {
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  URI withToken(String token) {
    return URI.create(gateway.webSocketUri() + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  static JWTClaimsSet.Builder claims(String subject) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder().subject(subject).issuer(ISSUER).audience(AUDIENCE)
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
  }

  static String sign(JWTClaimsSet claims, String secret) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  ChatLambdaHandler handler() {
    return chat.chat;
  }

  @Test
  void bad_tokens_are_refused_at_connect_and_never_reach_the_chat() throws Exception {
    Map<String, URI> attempts = Map.of(
        "forged signature", withToken(sign(claims("alice").build(), "another-secret-that-is-32-bytes!!")),
        "wrong audience", withToken(sign(claims("alice").audience("someone-else").build(), SECRET)),
        "expired", withToken(sign(claims("alice").expirationTime(Date.from(Instant.now().minusSeconds(600))).build(),
            SECRET)),
        "alg=none", withToken(new PlainJWT(claims("alice").build()).serialize()),
        "missing token", gateway.webSocketUri());

    attempts.forEach((what, uri) -> assertThat(WsClient.handshakeStatus(uri)).as(what).isIn(401, 403));

    assertThat(chat.invocations).as("the chat handler was never invoked").hasValue(0);
    assertThat(handler().application().registry().connectionsOf(new UserId("alice"))).isEmpty();
  }

  @Test
  void a_valid_token_connects_as_its_subject_and_can_chat() throws Exception {
    try (WsClient alice = WsClient.connect(withToken(sign(claims("alice").build(), SECRET)));
        WsClient bob = WsClient.connect(withToken(sign(claims("bob").build(), SECRET)))) {
      awaitRegistered("alice", 1);
      awaitRegistered("bob", 1);

      alice.send("{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"no registerUser needed\"}");

      assertThat(bob.next()).contains("\"fromUserId\":\"alice\"").contains("no registerUser needed");
      assertThat(alice.next()).contains("\"type\":\"messageSent\"");
    }
  }

  @Test
  void impersonation_is_forbidden_and_changes_nothing() throws Exception {
    try (WsClient mallory = WsClient.connect(withToken(sign(claims("mallory").build(), SECRET)))) {
      awaitRegistered("mallory", 1);
      ConnectionId connection = handler().application().registry().connectionsOf(new UserId("mallory"))
          .iterator().next();

      mallory.send("{\"action\":\"registerUser\",\"userId\":\"alice\"}");

      assertThat(mallory.next()).contains("\"code\":\"FORBIDDEN\"").contains("\"action\":\"registerUser\"");
      assertThat(handler().application().registry().connectionsOf(new UserId("alice"))).isEmpty();
      assertThat(handler().application().registry().userOf(connection)).contains(new UserId("mallory"));
    }
  }

  /** What a browser does with {@code new WebSocket(url, subprotocols)}: offers them in Sec-WebSocket-Protocol. */
  WebSocket offering(WsClient listener, String... subprotocols) {
    return WsClient.HTTP.newWebSocketBuilder().subprotocols(subprotocols[0],
            java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length))
        .buildAsync(gateway.webSocketUri(), listener).join();
  }

  @Test
  void a_token_in_the_subprotocol_connects_as_its_subject_and_the_handshake_selects_wschat() throws Exception {
    WsClient bob = WsClient.connect(withToken(sign(claims("bob").build(), SECRET)));
    WsClient alice = new WsClient();
    WebSocket socket = offering(alice, "wschat", "wschat.token." + sign(claims("alice").build(), SECRET));
    try {
      assertThat(socket.getSubprotocol()).isEqualTo("wschat");
      awaitRegistered("alice", 1);
      socket.sendText("{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"via subprotocol\"}",
          true).join();
      assertThat(bob.next()).contains("\"fromUserId\":\"alice\"").contains("via subprotocol");
      assertThat(alice.next()).contains("\"type\":\"messageSent\"");
    } finally {
      socket.abort();
      bob.close();
    }
  }

  @Test
  void an_offer_without_a_token_or_with_a_bad_one_is_refused_and_never_reaches_the_chat() throws Exception {
    for (String[] offer : List.of(new String[] {"wschat"},
        new String[] {"wschat", "wschat.token." + sign(claims("alice").build(), "another-secret-that-is-32-bytes!!")},
        new String[] {"wschat", "wschat.token.not-a-jwt"})) {
      Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> offering(new WsClient(), offer));
      assertThat(failure).isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(WebSocketHandshakeException.class);
      assertThat(((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode())
          .as(String.join(",", offer)).isEqualTo(401);
    }
    assertThat(chat.invocations).hasValue(0);
  }

  void awaitRegistered(String user, int connections) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (handler().application().registry().connectionsOf(new UserId(user)).size() < connections
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(handler().application().registry().connectionsOf(new UserId(user))).hasSize(connections);
  }
}
