package io.wschat.localgateway.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a REQUEST authorizer decided about one connection. A refusal is an answer, not a failure. */
sealed interface Authorization {
  /** The HTTP status the handshake would get from the authorizer alone. */
  int status();

  /** {@code authorizer} is what every later event of the connection carries as {@code requestContext.authorizer}. */
  record Allowed(String principalId, ObjectNode authorizer) implements Authorization {
    @Override
    public int status() {
      return 200;
    }
  }

  /** {@code error} is our own wording, for the access log: it never holds a token or the authorizer's answer. */
  record Refused(int status, String error) implements Authorization {
    static Refused unauthorized(String error) {
      return new Refused(401, error);
    }

    static Refused forbidden(String error) {
      return new Refused(403, error);
    }
  }
}
