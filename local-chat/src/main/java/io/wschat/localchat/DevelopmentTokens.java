package io.wschat.localchat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wschat.bootstrap.auth.AuthorizerConfig;
import io.wschat.domain.model.InvalidInputException;
import io.wschat.domain.model.UserId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Sign-in for the local chat in jwt mode: a secret made at start-up, never written anywhere, and a local-only
 * endpoint ({@code POST /local-auth/token?userId=alice}) that mints an HS256 token for any user. It is what a real
 * identity provider does after checking a password; here nothing is checked, which is why it exists only locally.
 */
final class DevelopmentTokens {
  static final String PATH = "/local-auth/token";
  static final String ISSUER = "wschat-local";
  static final String AUDIENCE = "wschat-local";
  private static final Duration LIFETIME = Duration.ofHours(8);

  private final byte[] secret;

  DevelopmentTokens() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    this.secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random).getBytes(StandardCharsets.UTF_8);
  }

  /** The authorizer's settings for tokens minted here. */
  Map<String, String> authorizerEnvironment() {
    return Map.of(
        AuthorizerConfig.JWT_SECRET, new String(secret, StandardCharsets.UTF_8),
        AuthorizerConfig.JWT_ISSUER, ISSUER,
        AuthorizerConfig.JWT_AUDIENCE, AUDIENCE);
  }

  String mint(UserId user) {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .subject(user.value()).issuer(ISSUER).audience(AUDIENCE)
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(new MACSigner(secret));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a development token", e);
    }
    return jwt.serialize();
  }

  /** The sign-in endpoint the web page's "Sign in" button calls. */
  Handler handler() {
    return new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.POST.is(request.getMethod())) {
          Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "use POST");
          return true;
        }
        Fields query = Request.extractQueryParameters(request);
        String userId = query.getValue("userId");
        String body;
        try {
          body = "{\"token\":\"" + mint(new UserId(userId)) + "\"}";
        } catch (InvalidInputException e) {
          Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
          return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, java.nio.ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
      }
    };
  }
}
