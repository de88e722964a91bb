package io.wschat.bootstrap.snapstart;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wschat.adapter.lambda.EventLog;
import io.wschat.adapter.lambda.JsonObjects;
import io.wschat.adapter.lambda.Subprotocols;
import io.wschat.bootstrap.TokenAuthorizer;
import io.wschat.bootstrap.auth.AuthorizerConfig;
import io.wschat.bootstrap.auth.TokenVerifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the authorizer's path before a SnapStart snapshot: a $connect event carrying an RS256 token in the
 * subprotocol header, as JSON through {@link TokenAuthorizer#handleRequest} and nimbus's JWT processor (parsing, the RSA
 * signature, the claims), once allowed and once refused. The key is made here and held in memory, so nothing is
 * fetched and nothing leaves the process; what a restored authorizer still pays is its first JWKS fetch.
 */
public final class AuthorizerPriming {
  private static final String ISSUER = "https://priming.invalid";
  private static final String AUDIENCE = "priming";

  /** Rounds of one allowed and one refused token: enough for the verification's hottest methods to reach C2. */
  public static final int ROUNDS = 200;

  private AuthorizerPriming() {}

  /** Returns how many events it handled. */
  public static int run() {
    try {
      RSAKey key = new RSAKeyGenerator(2048).keyID("priming").generate();
      AuthorizerConfig config = new AuthorizerConfig(Optional.empty(), Optional.empty(), ISSUER, AUDIENCE,
          Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ZERO, AuthorizerConfig.DEFAULT_MAX_LIFETIME);
      TokenAuthorizer authorizer = new TokenAuthorizer(
          TokenVerifier.overKeys(new JWKSet(key.toPublicJWK()), config), new EventLog(EventLog.Level.ERROR));
      String token = token(key);
      int events = 0;
      for (int round = 0; round < ROUNDS; round++) {
        handle(authorizer, connect(token));
        try {
          handle(authorizer, connect(token.substring(0, token.length() - 4) + "AAAA"));
          throw new IllegalStateException("priming: a token with a broken signature was allowed");
        } catch (IllegalStateException refused) {
          if (!refused.getMessage().equals("Unauthorized")) {
            throw refused;
          }
        }
        events += 2;
      }
      return events;
    } catch (JOSEException e) {
      throw new IllegalStateException("priming the authorizer", e);
    }
  }

  private static String token(RSAKey key) throws JOSEException {
    Instant now = Instant.now();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
        new JWTClaimsSet.Builder().subject("priming").issuer(ISSUER).audience(AUDIENCE)
            .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  /** The event as the runtime hands it over: JSON in, JSON out (to nowhere). */
  private static void handle(TokenAuthorizer authorizer, Map<String, Object> event) {
    try {
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      JsonObjects.write(event, json);
      authorizer.handleRequest(new ByteArrayInputStream(json.toByteArray()), OutputStream.nullOutputStream(), null);
    } catch (IOException e) {
      throw new UncheckedIOException("priming the authorizer", e);
    }
  }

  /** A $connect authorizer event as API Gateway sends it, with the token where the page puts it. */
  private static Map<String, Object> connect(String token) {
    return Map.of(
        "type", "REQUEST",
        "methodArn", "arn:aws:execute-api:us-east-1:000000000000:priming/priming/$connect",
        "headers", Map.of(Subprotocols.HEADER, Subprotocols.NAME + ", " + Subprotocols.TOKEN_PREFIX + token),
        "requestContext", Map.of("connectionId", "priming=", "requestId", "priming", "routeKey", "$connect"));
  }
}
