package io.wschat.adapter.lambda;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * wschat's WebSocket subprotocols (docs/protocol.md). A browser cannot set headers on a handshake, but it can offer
 * subprotocols: {@code new WebSocket(url, ["wschat", "wschat.token." + jwt])} sends
 * {@code Sec-WebSocket-Protocol: wschat, wschat.token.<JWT>}, which keeps the token out of the URL and so out of
 * every log that records URLs. The $connect authorizer reads the token from it; the $connect integration selects
 * {@value #NAME}, never the token, and API Gateway passes that to the client, which fails the handshake without it.
 */
public final class Subprotocols {
  /** The request and response header. */
  public static final String HEADER = "Sec-WebSocket-Protocol";
  /** The subprotocol a server selects. */
  public static final String NAME = "wschat";
  /** An offered subprotocol that carries a token: the prefix, then the JWT (whose characters are all allowed). */
  public static final String TOKEN_PREFIX = "wschat.token.";

  private Subprotocols() {}

  /** {@value #NAME} when the header offers it; empty when it does not, or there is no header. */
  public static Optional<String> selected(String header) {
    return offered(header).contains(NAME) ? Optional.of(NAME) : Optional.empty();
  }

  /** The token in the first offered {@value #TOKEN_PREFIX} subprotocol, if any. */
  public static Optional<String> token(String header) {
    return offered(header).stream().filter(p -> p.startsWith(TOKEN_PREFIX) && p.length() > TOKEN_PREFIX.length())
        .map(p -> p.substring(TOKEN_PREFIX.length())).findFirst();
  }

  /** The offered subprotocols, in order: a comma-separated list (RFC 6455, section 4.1). */
  static List<String> offered(String header) {
    return header == null ? List.of()
        : Arrays.stream(header.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
  }
}
