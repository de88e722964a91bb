package io.wschat.bootstrap.auth;

import io.wschat.bootstrap.ConfigurationException;
import io.wschat.bootstrap.Environment;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of the $connect authorizer: where the keys are (a JWKS URL, e.g. a Cognito user pool's, or a shared
 * secret for development), the issuer and audience a token must name, how long fetched keys are fresh and how long
 * they may still be used while the JWKS URL is down, and the longest lifetime a token may claim.
 */
public record AuthorizerConfig(Optional<URI> jwksUrl, Optional<byte[]> secret, String issuer, String audience,
    Duration clockSkew, Duration keysFreshFor, Duration keysStaleFor, Duration maxLifetime) {

  public static final String JWT_JWKS_URL = "JWT_JWKS_URL";
  public static final String JWT_SECRET = "JWT_SECRET";
  public static final String JWT_ISSUER = "JWT_ISSUER";
  public static final String JWT_AUDIENCE = "JWT_AUDIENCE";
  public static final String JWT_KEYS_STALE_FOR = "JWT_KEYS_STALE_FOR";
  public static final String JWT_MAX_LIFETIME = "JWT_MAX_LIFETIME";
  public static final List<String> VARIABLES = List.of(JWT_JWKS_URL, JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE,
      JWT_KEYS_STALE_FOR, JWT_MAX_LIFETIME);
  /** Of {@link #VARIABLES}, those with a sound default that a deployment need not set. */
  public static final List<String> OPTIONAL_VARIABLES = List.of(JWT_KEYS_STALE_FOR, JWT_MAX_LIFETIME);
  /** Of {@link #VARIABLES}, the development-only HS256 secret: the template never sets it. */
  public static final List<String> LOCAL_ONLY_VARIABLES = List.of(JWT_SECRET);
  /** HS256 needs a key of at least 256 bits. */
  public static final int MIN_SECRET_BYTES = 32;
  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
  /** nimbus's default: keys are fetched again after 5 minutes, or at once for an unknown kid. */
  static final Duration KEYS_FRESH_FOR = Duration.ofMinutes(5);
  /** How long the last keys fetched keep verifying tokens while the JWKS URL fails. */
  public static final Duration DEFAULT_KEYS_STALE_FOR = Duration.ofHours(1);
  /** Cognito's longest ID-token validity is one day. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

  public static AuthorizerConfig from(Map<String, String> variables) {
    return from(new Environment(variables));
  }

  public static AuthorizerConfig from(Environment env) {
    Optional<String> jwks = env.get(JWT_JWKS_URL);
    Optional<String> secret = env.get(JWT_SECRET);
    if (jwks.isPresent() == secret.isPresent()) {
      throw new ConfigurationException("set exactly one of " + JWT_JWKS_URL + " (RS256/ES256 keys, e.g."
          + " https://cognito-idp.<region>.amazonaws.com/<pool>/.well-known/jwks.json) or " + JWT_SECRET
          + " (an HS256 secret of at least " + MIN_SECRET_BYTES + " bytes, for development)");
    }
    if (secret.isPresent() && secret.get().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new ConfigurationException(JWT_SECRET + " must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    Optional<URI> jwksUrl = env.httpUrl(JWT_JWKS_URL);
    jwksUrl.filter(url -> !"https".equals(url.getScheme()) && !isLoopback(url.getHost())).ifPresent(url -> {
      throw new ConfigurationException(JWT_JWKS_URL + "='" + url + "' must be https://: keys fetched over plain"
          + " http could be swapped on the way; http:// is allowed only for a loopback host (localhost, 127.0.0.0/8,"
          + " ::1) in local runs");
    });
    String issuer = env.required(JWT_ISSUER,
        "tokens are checked against it (for Cognito: https://cognito-idp.<region>.amazonaws.com/<pool>)");
    String audience = env.required(JWT_AUDIENCE, "tokens must name it in aud (for Cognito: the app client id)");
    Duration staleFor = env.duration(JWT_KEYS_STALE_FOR, DEFAULT_KEYS_STALE_FOR, Duration.ZERO);
    Duration maxLifetime = env.duration(JWT_MAX_LIFETIME, DEFAULT_MAX_LIFETIME, Duration.ofMinutes(1));
    return new AuthorizerConfig(jwksUrl, secret.map(s -> s.getBytes(StandardCharsets.UTF_8)), issuer, audience,
        CLOCK_SKEW, KEYS_FRESH_FOR, staleFor, maxLifetime);
  }

  /** A host that never leaves the machine, decided without a DNS lookup: only literals and {@code localhost}. */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (literal.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!literal.contains(":") && !literal.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return false; // a name: it could resolve anywhere
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress(); // a literal: parsed, never looked up
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "AuthorizerConfig[keys=" + jwksUrl.map(URI::toString).orElse("(shared secret)") + ", issuer=" + issuer
        + ", audience=" + audience + ", clockSkew=" + clockSkew + ", keysFreshFor=" + keysFreshFor + ", keysStaleFor="
        + keysStaleFor + ", maxLifetime=" + maxLifetime + "]";
  }
}
