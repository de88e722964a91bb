package io.wschat.benchmarks.coldstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * An identity provider's JWKS URL on loopback (plain http, which the authorizer allows for loopback only), with the
 * key that signs the benchmark's tokens, and the $connect authorizer events that carry them: each authorizer cold
 * start fetches the keys once and verifies one RS256 token, as a restored or new authorizer does in AWS.
 */
final class JwksEndpoint implements AutoCloseable {
  static final String ISSUER = "https://issuer.coldstart.invalid";
  static final String AUDIENCE = "wschat-coldstart";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final RSAKey key;

  private JwksEndpoint(HttpServer server, RSAKey key) {
    this.server = server;
    this.key = key;
  }

  static JwksEndpoint start() {
    try {
      RSAKey key = new RSAKeyGenerator(2048).keyID("coldstart").generate();
      byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      server.createContext("/.well-known/jwks.json", exchange -> {
        try (exchange) {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
        }
      });
      server.start();
      return new JwksEndpoint(server, key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
  }

  /** The JSON of a $connect authorizer event with a fresh token for user {@code coldstart-<run>} in the subprotocol. */
  String eventJson(int run) {
    try {
      Instant now = Instant.now();
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
          new JWTClaimsSet.Builder().subject("coldstart-" + run).issuer(ISSUER).audience(AUDIENCE)
              .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1)))).build());
      jwt.sign(new RSASSASigner(key));
      return JSON.writeValueAsString(Map.of(
          "type", "REQUEST",
          "methodArn", "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/bench/$connect",
          "headers", Map.of("Host", "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
              "Sec-WebSocket-Protocol", "wschat, wschat.token." + jwt.serialize()),
          "requestContext", Map.of("connectionId", "ColdStart" + run + "Auth=", "requestId", "coldstart-" + run,
              "routeKey", "$connect", "eventType", "CONNECT")));
    } catch (JOSEException | IOException e) {
      throw new IllegalStateException("cannot make the authorizer event", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
