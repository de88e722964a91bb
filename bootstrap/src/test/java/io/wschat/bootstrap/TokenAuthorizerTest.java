package io.wschat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.wschat.adapter.lambda.fixture.TestContext;
import io.wschat.bootstrap.auth.AuthorizerConfig;
import io.wschat.bootstrap.auth.TokenVerifier;
import io.wschat.bootstrap.auth.TokenVerifier.InvalidTokenException;
import io.wschat.bootstrap.auth.TokenVerifier.Reason;
import io.wschat.bootstrap.snapstart.AuthorizerPriming;
import java.net.URI;
import java.time.Duration;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The $connect authorizer against real signed tokens, with its keys served by a real JWKS endpoint on loopback. */
class TokenAuthorizerTest {
  static final String ISSUER = "https://issuer.example.com/pool";
  static final String AUDIENCE = "wschat-client";
  static final String METHOD_ARN = "arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/prod/$connect";
  static final String SECRET = "a-development-secret-of-32-bytes!";

  HttpServer jwks;
  AtomicInteger jwksHits = new AtomicInteger();
  RSAKey rsa;
  ECKey ec;
  TestContext context = new TestContext();

  @BeforeEach
  void serveKeys() throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    byte[] body = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString().getBytes(StandardCharsets.UTF_8);
    jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    jwks.createContext("/.well-known/jwks.json", exchange -> {
      jwksHits.incrementAndGet();
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    jwks.start();
  }

  @AfterEach
  void stop() {
    jwks.stop(0);
  }

  String jwksUrl() {
    return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json";
  }

  TokenAuthorizer withJwks() {
    return new TokenAuthorizer(Map.of(AuthorizerConfig.JWT_JWKS_URL, jwksUrl(),
        AuthorizerConfig.JWT_ISSUER, ISSUER, AuthorizerConfig.JWT_AUDIENCE, AUDIENCE));
  }

  /** A verifier on the test's JWKS whose keys are fresh for {@code fresh} and usable through an outage for {@code stale}. */
  TokenVerifier verifierWithKeyCache(Duration fresh, Duration stale) {
    return new TokenVerifier(new AuthorizerConfig(Optional.of(URI.create(jwksUrl())), Optional.empty(), ISSUER,
        AUDIENCE, Duration.ofSeconds(60), fresh, stale, AuthorizerConfig.DEFAULT_MAX_LIFETIME));
  }

  String rsaToken(JWTClaimsSet claims) throws Exception {
    return sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", claims);
  }

  TokenAuthorizer withSecret() {
    return new TokenAuthorizer(Map.of(AuthorizerConfig.JWT_SECRET, SECRET,
        AuthorizerConfig.JWT_ISSUER, ISSUER, AuthorizerConfig.JWT_AUDIENCE, AUDIENCE));
  }

  static JWTClaimsSet.Builder claims(String subject) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder().subject(subject).issuer(ISSUER).audience(AUDIENCE)
        .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plusSeconds(300)));
  }

  static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  static Map<String, Object> event(String token) {
    return Map.of("type", "REQUEST", "methodArn", METHOD_ARN,
        "queryStringParameters", token == null ? Map.of() : Map.of("token", token),
        "requestContext", Map.of("connectionId", "BzJ9kcfLjoECIqw=", "requestId", "req-1", "routeKey", "$connect",
            "stage", "prod"));
  }

  /** The $connect request of a browser that offered {@code new WebSocket(url, subprotocols)}. */
  static Map<String, Object> offering(String subprotocols, String queryToken) {
    return Map.of("type", "REQUEST", "methodArn", METHOD_ARN,
        "headers", Map.of("Host", "abcdef1234.execute-api.eu-west-1.amazonaws.com", "sec-websocket-protocol",
            subprotocols),
        "queryStringParameters", queryToken == null ? Map.of() : Map.of("token", queryToken),
        "requestContext", Map.of("connectionId", "BzJ9kcfLjoECIqw=", "requestId", "req-1", "routeKey", "$connect",
            "stage", "prod"));
  }

  @SuppressWarnings("unchecked")
  static void assertAllows(Map<String, Object> answer, String user) {
    assertThat(answer.get("principalId")).isEqualTo(user);
    assertThat((Map<String, Object>) answer.get("context")).containsEntry("userId", user);
    Map<String, Object> policy = (Map<String, Object>) answer.get("policyDocument");
    assertThat((List<Map<String, Object>>) policy.get("Statement")).singleElement().satisfies(statement -> {
      assertThat(statement).containsEntry("Effect", "Allow").containsEntry("Action", "execute-api:Invoke")
          .containsEntry("Resource", METHOD_ARN);
    });
  }

  void assertUnauthorized(TokenAuthorizer authorizer, String token) {
    assertThatThrownBy(() -> authorizer.authorize(event(token), context)).hasMessage("Unauthorized");
  }

  @Test
  void rs256_and_es256_tokens_from_the_jwks_are_allowed_as_their_subject() throws Exception {
    TokenAuthorizer authorizer = withJwks();

    assertAllows(authorizer.authorize(event(sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1",
        claims("alice").build())), context), "alice");
    assertAllows(authorizer.authorize(event(sign(new ECDSASigner(ec), JWSAlgorithm.ES256, "ec-1",
        claims("bob@example.com").build())), context), "bob@example.com");
  }

  @Test
  void the_keys_are_fetched_once_and_cached_across_invocations() throws Exception {
    TokenAuthorizer authorizer = withJwks();
    for (int i = 0; i < 5; i++) {
      authorizer.authorize(event(sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", claims("alice").build())),
          context);
    }
    assertThat(jwksHits).hasValue(1);
  }

  @Test
  void snapstart_priming_verifies_a_token_without_fetching_anything_and_the_restored_authorizer_works()
      throws Exception {
    TokenAuthorizer authorizer = withJwks();
    authorizer.snapStart().beforeCheckpoint(null);
    authorizer.snapStart().afterRestore(null);

    assertThat(authorizer.snapStart().checkpoints()).isEqualTo(1);
    assertThat(jwksHits).as("priming verifies against keys in memory, never the JWKS URL").hasValue(0);
    assertAllows(authorizer.authorize(event(rsaToken(claims("alice").build())), context), "alice");
    assertThat(jwksHits).as("the first real token fetches the keys").hasValue(1);
    assertThat(context.logLines()).as("only the real request is logged").singleElement()
        .satisfies(line -> assertThat(line).contains("\"outcome\":\"allow\"").doesNotContain("priming"));
  }

  @Test
  void the_priming_authorizer_refuses_what_the_real_one_refuses() {
    assertThat(AuthorizerPriming.run())
        .as("rounds of an allowed and a refused token").isEqualTo(2 * AuthorizerPriming.ROUNDS);
  }

  @Test
  void the_runtime_hands_it_json_and_gets_the_policy_as_json() throws Exception {
    String token = rsaToken(claims("alice").build());
    // As API Gateway sends a REQUEST authorizer's event, with fields the authorizer does not read.
    String event = "{\"type\":\"REQUEST\",\"methodArn\":\"" + METHOD_ARN + "\",\"resource\":\"$connect\","
        + "\"headers\":{\"Host\":\"abcdef1234.execute-api.eu-west-1.amazonaws.com\",\"Sec-WebSocket-Protocol\":"
        + "\"wschat, wschat.token." + token + "\",\"Sec-WebSocket-Version\":\"13\"},"
        + "\"multiValueHeaders\":{\"Sec-WebSocket-Version\":[\"13\"]},\"queryStringParameters\":null,"
        + "\"requestContext\":{\"routeKey\":\"$connect\",\"connectionId\":\"BzJ9kcfLjoECIqw=\","
        + "\"requestId\":\"req-1\",\"connectedAt\":1733000000000,\"identity\":{\"sourceIp\":\"203.0.113.7\"}}}";
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    withJwks().handleRequest(new java.io.ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);

    @SuppressWarnings("unchecked")
    Map<String, Object> answer = new com.fasterxml.jackson.databind.ObjectMapper().readValue(out.toByteArray(),
        Map.class);
    assertAllows(answer, "alice");
    String denied = event.replace(token, token.substring(0, token.length() - 4) + "AAAA");
    assertThatThrownBy(() -> withJwks().handleRequest(
        new java.io.ByteArrayInputStream(denied.getBytes(StandardCharsets.UTF_8)), new java.io.ByteArrayOutputStream(),
        context)).hasMessage("Unauthorized");
    assertThatThrownBy(() -> withJwks().handleRequest(
        new java.io.ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8)), new java.io.ByteArrayOutputStream(),
        context)).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void hs256_with_a_shared_secret_is_allowed() throws Exception {
    assertAllows(withSecret().authorize(event(sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)),
        JWSAlgorithm.HS256, null, claims("alice").build())), context), "alice");
  }

  @Test
  void a_forged_signature_is_unauthorized() throws Exception {
    RSAKey other = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    assertUnauthorized(withJwks(), sign(new RSASSASigner(other), JWSAlgorithm.RS256, "rsa-1", claims("alice").build()));
    String valid = sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", claims("alice").build());
    String tampered = valid.substring(0, valid.indexOf('.') + 1)
        + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
            claims("mallory").build().toString().getBytes(StandardCharsets.UTF_8))
        + valid.substring(valid.lastIndexOf('.'));
    assertUnauthorized(withJwks(), tampered);
  }

  @Test
  void a_wrong_audience_or_issuer_is_unauthorized() throws Exception {
    assertUnauthorized(withJwks(), sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1",
        claims("alice").audience("someone-else").build()));
    assertUnauthorized(withJwks(), sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1",
        claims("alice").issuer("https://evil.example.com").build()));
  }

  @Test
  void an_expired_or_not_yet_valid_token_is_unauthorized_beyond_the_clock_skew() throws Exception {
    Instant now = Instant.now();
    assertUnauthorized(withJwks(), sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1",
        claims("alice").expirationTime(Date.from(now.minusSeconds(120))).build()));
    assertUnauthorized(withJwks(), sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1",
        claims("alice").notBeforeTime(Date.from(now.plusSeconds(300))).build()));
    assertAllows(withJwks().authorize(event(sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1",
        claims("alice").expirationTime(Date.from(now.minusSeconds(10))).build())), context), "alice");
  }

  @Test
  void alg_none_is_unauthorized() {
    assertUnauthorized(withJwks(), new PlainJWT(claims("alice").build()).serialize());
    assertUnauthorized(withSecret(), new PlainJWT(claims("alice").build()).serialize());
  }

  @Test
  void algorithm_confusion_is_unauthorized() throws Exception {
    // An attacker "signs" HS256 with the public RSA key as the MAC secret.
    byte[] publicKey = rsa.toPublicJWK().toRSAPublicKey().getEncoded();
    assertUnauthorized(withJwks(), sign(new MACSigner(publicKey), JWSAlgorithm.HS256, "rsa-1", claims("alice").build()));
    // And an RS256 token is not accepted where only the shared secret is trusted.
    assertUnauthorized(withSecret(), sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", claims("alice").build()));
  }

  @Test
  void a_missing_or_garbled_token_is_unauthorized() {
    assertUnauthorized(withSecret(), null);
    assertUnauthorized(withSecret(), "");
    assertUnauthorized(withSecret(), "not.a.jwt");
  }

  @Test
  void a_subject_that_is_no_user_id_is_unauthorized() throws Exception {
    assertUnauthorized(withSecret(), sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256,
        null, claims("not a user").build()));
  }

  @Test
  void a_subject_is_its_canonical_user_id_and_a_look_alike_subject_is_unauthorized() throws Exception {
    MACSigner signer = new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8));

    assertAllows(withSecret().authorize(event(sign(signer, JWSAlgorithm.HS256, null, claims("Alice").build())),
        context), "alice");
    assertUnauthorized(withSecret(), sign(signer, JWSAlgorithm.HS256, null, claims("alice\u3164").build()));
    assertUnauthorized(withSecret(), sign(signer, JWSAlgorithm.HS256, null, claims("\u0430lice").build()));
  }

  @Test
  void the_token_never_reaches_the_log() throws Exception {
    String token = sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", claims("alice").build());
    withJwks().authorize(event(token), context);
    assertUnauthorized(withJwks(), token + "x");

    assertThat(context.logLines()).hasSize(2).allSatisfy(line -> {
      assertThat(line).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
      assertThat(line).doesNotContain(token.substring(0, 20));
    });
  }

  @Test
  void its_settings_fail_fast_with_the_variable_named() {
    assertThatThrownBy(() -> new TokenAuthorizer(Map.of(AuthorizerConfig.JWT_ISSUER, ISSUER)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("JWT_JWKS_URL").hasMessageContaining("JWT_SECRET");
    assertThatThrownBy(() -> new TokenAuthorizer(Map.of(AuthorizerConfig.JWT_SECRET, "short",
        AuthorizerConfig.JWT_ISSUER, ISSUER, AuthorizerConfig.JWT_AUDIENCE, AUDIENCE)))
        .hasMessageContaining("at least 32 bytes").satisfies(e -> assertThat(e.getMessage()).doesNotContain("short"));
    assertThatThrownBy(() -> new TokenAuthorizer(Map.of(AuthorizerConfig.JWT_SECRET, SECRET,
        AuthorizerConfig.JWT_ISSUER, ISSUER))).hasMessageContaining("JWT_AUDIENCE");
  }

  @Test
  void a_jwks_url_must_be_https_unless_its_host_is_loopback() {
    for (String refused : List.of("http://cognito-idp.eu-west-1.amazonaws.com/pool/.well-known/jwks.json",
        "http://127.0.0.1.nip.io/jwks.json", "http://10.0.0.1/jwks.json", "http://localhost.example.com/jwks.json")) {
      assertThatThrownBy(() -> AuthorizerConfig.from(Map.of(AuthorizerConfig.JWT_JWKS_URL, refused,
          AuthorizerConfig.JWT_ISSUER, ISSUER, AuthorizerConfig.JWT_AUDIENCE, AUDIENCE)))
          .as(refused).isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("JWT_JWKS_URL='" + refused + "' must be https://").hasMessageContaining("loopback");
    }
    for (String allowed : List.of("https://cognito-idp.eu-west-1.amazonaws.com/pool/.well-known/jwks.json",
        "http://localhost:8080/jwks.json", "http://127.0.0.1:1/jwks.json", "http://127.1.2.3/jwks.json",
        "http://[::1]:8080/jwks.json")) {
      assertThat(AuthorizerConfig.from(Map.of(AuthorizerConfig.JWT_JWKS_URL, allowed,
          AuthorizerConfig.JWT_ISSUER, ISSUER, AuthorizerConfig.JWT_AUDIENCE, AUDIENCE)).jwksUrl())
          .as(allowed).contains(URI.create(allowed));
    }
  }

  /** How many outages the next test may stage; see {@link #keysOutliveAnOutageForTheStaleTime()}. */
  private static final int OUTAGE_ATTEMPTS = 3;

  @Test
  void cached_keys_keep_verifying_through_a_jwks_outage_for_the_stale_time_and_then_no_longer() throws Exception {
    for (int attempt = 1; !keysOutliveAnOutageForTheStaleTime(); attempt++) {
      assertThat(attempt).as("outages whose check came after the stale time had passed").isLessThan(OUTAGE_ATTEMPTS);
      serveKeys(); // a new JWKS, and a new outage
    }
  }

  /**
   * Stages an outage; false when it could tell nothing: the cache had to verify within the stale time of its fetch
   * and was asked only after it, as on a machine that stalled for a second. The waits are the behaviour under test
   * (the cache's times); each is a lower bound, so a slow machine cannot make the checks after them wrong.
   */
  private boolean keysOutliveAnOutageForTheStaleTime() throws Exception {
    Duration fresh = Duration.ofMillis(800);
    Duration stale = Duration.ofMillis(2500);
    TokenVerifier tolerant = verifierWithKeyCache(fresh, stale);
    TokenVerifier intolerant = verifierWithKeyCache(fresh, Duration.ZERO);
    String token = rsaToken(claims("alice").build());
    long firstFetch = System.nanoTime(); // the keys are fetched after this
    assertThat(tolerant.verify(token).value()).isEqualTo("alice");
    assertThat(intolerant.verify(token).value()).isEqualTo("alice");
    long lastFetch = System.nanoTime();
    jwks.stop(0); // the outage: nothing listens on the port any more

    sleepUntil(lastFetch, fresh.plusMillis(400)); // both caches have expired
    Throwable refused = catchThrowable(() -> assertThat(tolerant.verify(token).value()).isEqualTo("alice"));
    if (refused != null && System.nanoTime() - firstFetch >= stale.toNanos()) {
      System.out.printf("outage checked %d ms after the fetch, past the stale time; staging another%n",
          (System.nanoTime() - firstFetch) / 1_000_000);
      return false;
    }
    assertThat(refused).as("the tolerant cache verifies within the stale time").isNull();
    assertThatThrownBy(() -> intolerant.verify(token)).isInstanceOf(InvalidTokenException.class)
        .extracting(e -> ((InvalidTokenException) e).reason()).isEqualTo(Reason.KEYS_UNAVAILABLE);

    // Bounded: the outage copy expires stale after the last good fetch; the fresh cache may add at most one fresh.
    sleepUntil(lastFetch, stale.plus(fresh).plusMillis(500));
    assertThatThrownBy(() -> tolerant.verify(token)).isInstanceOf(InvalidTokenException.class)
        .extracting(e -> ((InvalidTokenException) e).reason()).isEqualTo(Reason.KEYS_UNAVAILABLE);
    return true;
  }

  @Test
  void the_stale_time_and_max_lifetime_default_and_are_read_as_iso_durations() {
    Map<String, String> base = Map.of(AuthorizerConfig.JWT_SECRET, SECRET, AuthorizerConfig.JWT_ISSUER, ISSUER,
        AuthorizerConfig.JWT_AUDIENCE, AUDIENCE);
    AuthorizerConfig defaults = AuthorizerConfig.from(base);
    assertThat(defaults.keysStaleFor()).isEqualTo(Duration.ofHours(1));
    assertThat(defaults.maxLifetime()).isEqualTo(Duration.ofHours(24));
    var set = new java.util.HashMap<>(base);
    set.put(AuthorizerConfig.JWT_KEYS_STALE_FOR, "PT15M");
    set.put(AuthorizerConfig.JWT_MAX_LIFETIME, "PT2H");
    assertThat(AuthorizerConfig.from(set).keysStaleFor()).isEqualTo(Duration.ofMinutes(15));
    assertThat(AuthorizerConfig.from(set).maxLifetime()).isEqualTo(Duration.ofHours(2));
    set.put(AuthorizerConfig.JWT_MAX_LIFETIME, "a day");
    assertThatThrownBy(() -> AuthorizerConfig.from(set)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("JWT_MAX_LIFETIME='a day' is not a duration");
    set.put(AuthorizerConfig.JWT_MAX_LIFETIME, "PT1S");
    assertThatThrownBy(() -> AuthorizerConfig.from(set)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("JWT_MAX_LIFETIME=PT1S is too short");
  }

  @Test
  void a_token_that_lives_longer_than_the_maximum_is_unauthorized_with_its_reason_logged() throws Exception {
    Instant now = Instant.now();
    TokenAuthorizer authorizer = withJwks();
    // exp in the year 9999
    assertUnauthorized(authorizer, rsaToken(claims("alice").expirationTime(Date.from(Instant.parse(
        "9999-12-31T23:59:59Z"))).build()));
    // exp - iat = 25 h
    assertUnauthorized(authorizer, rsaToken(claims("alice").expirationTime(Date.from(now.plus(Duration.ofHours(25))))
        .build()));
    // an iat long ago with a near exp still claims a 48 h lifetime
    assertUnauthorized(authorizer, rsaToken(claims("alice").issueTime(Date.from(now.minus(Duration.ofHours(47))))
        .expirationTime(Date.from(now.plus(Duration.ofHours(1)))).build()));
    // without iat, exp - now counts
    assertUnauthorized(authorizer, rsaToken(claims("alice").issueTime(null)
        .expirationTime(Date.from(now.plus(Duration.ofHours(25)))).build()));
    assertThat(context.logLines()).hasSize(4).allSatisfy(line ->
        assertThat(line).contains("\"reason\":\"lifetime_too_long\""));

    // within the maximum: allowed, with or without iat
    assertAllows(authorizer.authorize(event(rsaToken(claims("alice")
        .expirationTime(Date.from(now.plus(Duration.ofHours(23)))).build())), context), "alice");
    assertAllows(authorizer.authorize(event(rsaToken(claims("alice").issueTime(null)
        .expirationTime(Date.from(now.plus(Duration.ofHours(23)))).build())), context), "alice");
    // and the maximum is a setting
    TokenAuthorizer longer = new TokenAuthorizer(Map.of(AuthorizerConfig.JWT_JWKS_URL, jwksUrl(),
        AuthorizerConfig.JWT_ISSUER, ISSUER, AuthorizerConfig.JWT_AUDIENCE, AUDIENCE,
        AuthorizerConfig.JWT_MAX_LIFETIME, "PT48H"));
    assertAllows(longer.authorize(event(rsaToken(claims("alice")
        .expirationTime(Date.from(now.plus(Duration.ofHours(25)))).build())), context), "alice");
  }

  static void sleepUntil(long startNanos, Duration after) throws InterruptedException {
    long remaining = startNanos + after.toNanos() - System.nanoTime();
    if (remaining > 0) {
      Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
    }
  }

  @Test
  void the_token_may_come_in_the_subprotocol_instead_of_the_query_string() throws Exception {
    TokenAuthorizer authorizer = withJwks();
    String alice = rsaToken(claims("alice").build());
    assertAllows(authorizer.authorize(offering("wschat, wschat.token." + alice, null), context), "alice");
    // the subprotocol wins over the query string
    assertAllows(authorizer.authorize(offering("wschat, wschat.token." + alice, rsaToken(claims("bob").build())),
        context), "alice");
    // an offer without a token falls back to the query string
    assertAllows(authorizer.authorize(offering("wschat", rsaToken(claims("bob").build())), context), "bob");
    assertThatThrownBy(() -> authorizer.authorize(offering("wschat", null), context)).hasMessage("Unauthorized");
    assertThatThrownBy(() -> authorizer.authorize(offering("wschat, wschat.token." + alice + "x", null), context))
        .hasMessage("Unauthorized");
    assertThat(context.logLines()).allSatisfy(line -> assertThat(line).doesNotContain(alice.substring(0, 20)));
    assertThat(context.logLines().get(0)).contains("\"tokenIn\":\"subprotocol\"");
    assertThat(context.logLines().get(2)).contains("\"tokenIn\":\"query\"");
    assertThat(context.logLines().get(3)).contains("\"tokenIn\":\"none\"", "\"reason\":\"no_token\"");
  }
}
