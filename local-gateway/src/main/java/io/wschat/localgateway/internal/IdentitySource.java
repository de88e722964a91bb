package io.wschat.localgateway.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One identity source of a REQUEST authorizer, in API Gateway's WebSocket syntax: {@code route.request.header.Auth}
 * or {@code route.request.querystring.token}. A source that is missing or empty refuses the connection with 401
 * before the authorizer runs, as API Gateway does.
 */
public record IdentitySource(Kind kind, String name) {
  public enum Kind { HEADER, QUERY_STRING }

  private static final String HEADER = "route.request.header.";
  private static final String QUERY_STRING = "route.request.querystring.";

  public IdentitySource {
    if (kind == null || name == null || name.isBlank()) {
      throw new IllegalArgumentException("an identity source needs a kind and a name");
    }
  }

  public static IdentitySource parse(String expression) {
    if (expression != null && expression.startsWith(HEADER) && expression.length() > HEADER.length()) {
      return new IdentitySource(Kind.HEADER, expression.substring(HEADER.length()));
    }
    if (expression != null && expression.startsWith(QUERY_STRING) && expression.length() > QUERY_STRING.length()) {
      return new IdentitySource(Kind.QUERY_STRING, expression.substring(QUERY_STRING.length()));
    }
    throw new IllegalArgumentException("identity source '" + expression + "' is not supported: use "
        + HEADER + "<Name> or " + QUERY_STRING + "<name>");
  }

  /** The value the request carries for this source; empty when it is absent or empty. Header names ignore case. */
  Optional<String> valueIn(Map<String, List<String>> headers, QueryString query) {
    String value = switch (kind) {
      case HEADER -> headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
          .flatMap(h -> h.getValue().stream()).reduce((first, last) -> last).orElse(null);
      case QUERY_STRING -> query.single().get(name);
    };
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  @Override
  public String toString() {
    return (kind == Kind.HEADER ? HEADER : QUERY_STRING) + name;
  }
}
