package io.wschat.localgateway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * A route selection expression of the form {@code $request.body.<dotted.path>}, as API Gateway evaluates it:
 * a JSON body whose selected value names a route goes there, anything else goes to {@code $default}.
 */
public final class RouteSelector {
  public static final String DEFAULT_ROUTE = "$default";
  private static final String PREFIX = "$request.body.";

  private final List<String> path;

  private RouteSelector(List<String> path) {
    this.path = path;
  }

  public static RouteSelector parse(String expression) {
    if (expression == null || !expression.startsWith(PREFIX) || expression.length() == PREFIX.length()
        || expression.endsWith(".") || expression.contains("..")) {
      throw new IllegalArgumentException("route selection expression must look like $request.body.action, got "
          + expression);
    }
    return new RouteSelector(List.of(expression.substring(PREFIX.length()).split("\\.")));
  }

  /** The route key for this body among the configured ones; reserved keys ($connect...) are never selected. */
  public String select(String body, Set<String> routeKeys) {
    return Json.parse(body.getBytes(StandardCharsets.UTF_8))
        .map(this::valueAt)
        .filter(key -> !key.startsWith("$") && routeKeys.contains(key))
        .orElse(DEFAULT_ROUTE);
  }

  private String valueAt(JsonNode root) {
    JsonNode node = root;
    for (String field : path) {
      node = node.path(field);
    }
    return node.isValueNode() && !node.isNull() ? node.asText() : null;
  }
}
