package io.wschat.bootstrap.auth;

import io.wschat.bootstrap.ConfigurationException;
import io.wschat.bootstrap.Environment;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of the $connect authorizer: where the keys are (a JWKS URL, e.g. a Cognito user pool's, or a shared
 * secret for development), and the issuer and audience a token must name.
 */
public record AuthorizerConfig(Optional<URI> jwksUrl, Optional<byte[]> secret, String issuer, String audience,
    Duration clockSkew) {

  public static final String JWT_JWKS_URL = "JWT_JWKS_URL";
  public static final String JWT_SECRET = "JWT_SECRET";
  public static final String JWT_ISSUER = "JWT_ISSUER";
  public static final String JWT_AUDIENCE = "JWT_AUDIENCE";
  public static final List<String> VARIABLES = List.of(JWT_JWKS_URL, JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE);
  /** Of {@link #VARIABLES}, the development-only HS256 secret: the template never sets it. */
  public static final List<String> LOCAL_ONLY_VARIABLES = List.of(JWT_SECRET);
  /** HS256 needs a key of at least 256 bits. */
  public static final int MIN_SECRET_BYTES = 32;
  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

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
    String issuer = env.required(JWT_ISSUER,
        "tokens are checked against it (for Cognito: https://cognito-idp.<region>.amazonaws.com/<pool>)");
    String audience = env.required(JWT_AUDIENCE, "tokens must name it in aud (for Cognito: the app client id)");
    return new AuthorizerConfig(jwksUrl, secret.map(s -> s.getBytes(StandardCharsets.UTF_8)), issuer, audience,
        CLOCK_SKEW);
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "AuthorizerConfig[keys=" + jwksUrl.map(URI::toString).orElse("(shared secret)") + ", issuer=" + issuer
        + ", audience=" + audience + ", clockSkew=" + clockSkew + "]";
  }
}
