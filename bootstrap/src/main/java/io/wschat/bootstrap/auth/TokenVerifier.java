package io.wschat.bootstrap.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.wschat.domain.model.InvalidInputException;
import io.wschat.domain.model.UserId;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.Set;

/**
 * Verifies a JWT with nimbus-jose-jwt: the signature with the configured keys, and exp, nbf, iss and aud with a
 * small clock skew. The accepted algorithms are fixed by the configuration, never taken from the token: RS256 and
 * ES256 with a JWKS URL, HS256 with a shared secret; so {@code alg=none} and algorithm confusion (an HS256 token
 * "signed" with a public key) are refused. JWKS keys are fetched on first use and cached across invocations.
 */
public final class TokenVerifier {

  /** A token that does not verify; the reason is safe to log and never contains the token. */
  public static final class InvalidTokenException extends Exception {
    InvalidTokenException(String reason) {
      super(reason);
    }
  }

  private final ConfigurableJWTProcessor<SecurityContext> processor;

  public TokenVerifier(AuthorizerConfig config) {
    JWKSource<SecurityContext> keys;
    Set<JWSAlgorithm> algorithms;
    if (config.jwksUrl().isPresent()) {
      try {
        keys = JWKSourceBuilder.create(config.jwksUrl().get().toURL()).retrying(true).build();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("not a JWKS URL: " + config.jwksUrl().get(), e);
      }
      algorithms = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    } else {
      keys = new ImmutableSecret<>(config.secret().orElseThrow());
      algorithms = Set.of(JWSAlgorithm.HS256);
    }
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
        config.audience(), new JWTClaimsSet.Builder().issuer(config.issuer()).build(), Set.of("sub", "exp"));
    claims.setMaxClockSkew((int) config.clockSkew().toSeconds());
    processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
    processor.setJWTClaimsSetVerifier(claims);
  }

  /** The user the token names in {@code sub}, if the token verifies. */
  public UserId verify(String token) throws InvalidTokenException {
    if (token == null || token.isBlank()) {
      throw new InvalidTokenException("no token");
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(token.strip(), null);
    } catch (ParseException e) {
      throw new InvalidTokenException("not a JWT");
    } catch (BadJOSEException e) {
      throw new InvalidTokenException(e.getMessage());
    } catch (JOSEException e) {
      throw new InvalidTokenException("cannot verify: " + e.getMessage());
    }
    try {
      return new UserId(claims.getSubject());
    } catch (InvalidInputException e) {
      throw new InvalidTokenException("sub is not a valid user id: " + e.getMessage());
    }
  }
}
