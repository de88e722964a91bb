package io.wschat.bootstrap.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.wschat.domain.model.InvalidInputException;
import io.wschat.domain.model.UserId;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies a JWT with nimbus-jose-jwt: the signature with the configured keys, and exp, nbf, iss and aud with a
 * small clock skew. The accepted algorithms are fixed by the configuration, never taken from the token: RS256 and
 * ES256 with a JWKS URL, HS256 with a shared secret; so {@code alg=none} and algorithm confusion (an HS256 token
 * "signed" with a public key) are refused. JWKS keys are fetched on first use and cached across invocations; when
 * the JWKS URL fails, the last keys fetched keep verifying for {@link AuthorizerConfig#keysStaleFor()} (nimbus's
 * outage tolerance), and then every token is refused. A token whose lifetime is longer than
 * {@link AuthorizerConfig#maxLifetime()} is refused: {@code exp - iat}, and {@code exp - now} too, so a token without
 * {@code iat}, or with {@code iat} in the future, is bounded as well.
 */
public final class TokenVerifier {

  /** Why a token was refused: a fixed category for logs and metrics, with a detail that never holds the token. */
  public enum Reason {
    NO_TOKEN, NOT_A_JWT, BAD_SIGNATURE, BAD_CLAIMS, LIFETIME_TOO_LONG, KEYS_UNAVAILABLE, BAD_SUBJECT;

    /** How the log spells it. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A token that does not verify; the message is safe to log and never contains the token. */
  public static final class InvalidTokenException extends Exception {
    private final Reason reason;

    InvalidTokenException(Reason reason, String detail) {
      super(detail);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }

  private final ConfigurableJWTProcessor<SecurityContext> processor;
  private final Duration maxLifetime;
  private final Duration clockSkew;

  public TokenVerifier(AuthorizerConfig config) {
    this(config, keysOf(config), config.jwksUrl().isPresent()
        ? Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256) : Set.of(JWSAlgorithm.HS256));
  }

  private TokenVerifier(AuthorizerConfig config, JWKSource<SecurityContext> keys, Set<JWSAlgorithm> algorithms) {
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
        config.audience(), new JWTClaimsSet.Builder().issuer(config.issuer()).build(), Set.of("sub", "exp"));
    claims.setMaxClockSkew((int) config.clockSkew().toSeconds());
    processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
    processor.setJWTClaimsSetVerifier(claims);
    maxLifetime = config.maxLifetime();
    clockSkew = config.clockSkew();
  }

  /**
   * A verifier of RS256/ES256 tokens against keys held in memory, with {@code config}'s claims and lifetime rules:
   * the same processor as a JWKS URL's, for priming, which must not fetch anything.
   */
  public static TokenVerifier overKeys(JWKSet keys, AuthorizerConfig config) {
    return new TokenVerifier(config, new ImmutableJWKSet<>(keys), Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256));
  }

  private static JWKSource<SecurityContext> keysOf(AuthorizerConfig config) {
    if (config.jwksUrl().isEmpty()) {
      return new ImmutableSecret<>(config.secret().orElseThrow());
    }
    try {
      return jwks(config);
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a JWKS URL: " + config.jwksUrl().get(), e);
    }
  }

  /**
   * nimbus's JWKS source: cached for {@code keysFreshFor} and refreshed ahead of expiry, fetched at most once per
   * rate-limit interval for unknown kids, retried once, and (when {@code keysStaleFor} is positive) the last good
   * set served through an outage of the URL for that long.
   */
  private static JWKSource<SecurityContext> jwks(AuthorizerConfig config) throws MalformedURLException {
    long fresh = config.keysFreshFor().toMillis();
    long stale = config.keysStaleFor().toMillis();
    JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.<SecurityContext>create(config.jwksUrl().get().toURL())
        .cache(fresh, Math.min(JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT, fresh / 2))
        .refreshAheadCache(Math.min(JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME, fresh / 4), false)
        .rateLimited(Math.min(JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL, fresh / 2))
        .retrying(true);
    return (stale > 0 ? builder.outageTolerant(stale) : builder.outageTolerant(false)).build();
  }

  /** The user the token names in {@code sub}, if the token verifies. */
  public UserId verify(String token) throws InvalidTokenException {
    if (token == null || token.isBlank()) {
      throw new InvalidTokenException(Reason.NO_TOKEN, "no token");
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(token.strip(), null);
    } catch (ParseException e) {
      throw new InvalidTokenException(Reason.NOT_A_JWT, "not a JWT");
    } catch (BadJWTException e) {
      throw new InvalidTokenException(Reason.BAD_CLAIMS, e.getMessage());
    } catch (BadJWSException e) {
      throw new InvalidTokenException(Reason.BAD_SIGNATURE, e.getMessage());
    } catch (BadJOSEException e) {
      throw new InvalidTokenException(Reason.BAD_SIGNATURE, e.getMessage());
    } catch (KeySourceException e) {
      throw new InvalidTokenException(Reason.KEYS_UNAVAILABLE, "cannot get the keys: " + e.getMessage());
    } catch (JOSEException e) {
      throw new InvalidTokenException(Reason.BAD_SIGNATURE, "cannot verify: " + e.getMessage());
    }
    checkLifetime(claims.getIssueTime(), claims.getExpirationTime());
    try {
      return new UserId(claims.getSubject());
    } catch (InvalidInputException e) {
      throw new InvalidTokenException(Reason.BAD_SUBJECT, "sub is not a valid user id: " + e.getMessage());
    }
  }

  /** exp is present: the claims verifier requires it. */
  private void checkLifetime(Date issuedAt, Date expiresAt) throws InvalidTokenException {
    Instant exp = expiresAt.toInstant();
    Instant now = Instant.now();
    if (issuedAt != null && Duration.between(issuedAt.toInstant(), exp).compareTo(maxLifetime) > 0) {
      throw new InvalidTokenException(Reason.LIFETIME_TOO_LONG, "exp - iat is longer than " + maxLifetime);
    }
    if (Duration.between(now, exp).compareTo(maxLifetime.plus(clockSkew)) > 0) {
      throw new InvalidTokenException(Reason.LIFETIME_TOO_LONG, "exp is more than " + maxLifetime + " away");
    }
  }
}
