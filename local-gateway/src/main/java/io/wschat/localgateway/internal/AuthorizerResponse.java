package io.wschat.localgateway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a REQUEST authorizer's answer as API Gateway does: an IAM policy that must allow {@code execute-api:Invoke}
 * on the method ARN, with no statement denying it, a principal, and an optional context of strings, numbers and
 * booleans. Anything else refuses the connection with 403.
 */
final class AuthorizerResponse {
  private static final String INVOKE = "execute-api:Invoke";

  private AuthorizerResponse() {}

  static Authorization read(JsonNode answer, String methodArn) {
    if (answer == null || !answer.isObject()) {
      return Authorization.Refused.forbidden("the authorizer returned no policy");
    }
    JsonNode principal = answer.get("principalId");
    if (principal == null || !principal.isTextual() || principal.asText().isBlank()) {
      return Authorization.Refused.forbidden("the authorizer returned no principalId");
    }
    List<JsonNode> statements = statements(answer.path("policyDocument"));
    if (statements == null) {
      return Authorization.Refused.forbidden("the authorizer's policyDocument is malformed");
    }
    boolean allowed = false;
    for (JsonNode statement : statements) {
      String effect = statement.path("Effect").asText();
      if (!effect.equals("Allow") && !effect.equals("Deny")
          || !isStrings(statement.get("Action")) || !isStrings(statement.get("Resource"))) {
        return Authorization.Refused.forbidden("the authorizer's policyDocument is malformed");
      }
      boolean applies = matchesAny(statement.get("Action"), INVOKE, true)
          && matchesAny(statement.get("Resource"), methodArn, false);
      if (applies) {
        if (effect.equals("Deny")) {
          return Authorization.Refused.forbidden("the policy denies " + methodArn);
        }
        allowed = true;
      }
    }
    if (!allowed) {
      return Authorization.Refused.forbidden("the policy does not allow " + methodArn);
    }
    return allowed(principal.asText(), answer.path("context"));
  }

  /** principalId and the context's strings, numbers and booleans, as {@code requestContext.authorizer} holds them. */
  private static Authorization allowed(String principalId, JsonNode context) {
    if (!context.isMissingNode() && !context.isNull() && !context.isObject()) {
      return Authorization.Refused.forbidden("the authorizer's context is not an object");
    }
    ObjectNode authorizer = Json.object();
    for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) context::fields) {
      JsonNode value = entry.getValue();
      if (value.isContainerNode()) { // API Gateway accepts only strings, numbers and booleans in the context
        return Authorization.Refused.forbidden("the authorizer's context holds an object or array at "
            + entry.getKey());
      }
      if (!value.isNull()) {
        authorizer.set(entry.getKey(), value);
      }
    }
    authorizer.put("principalId", principalId);
    return new Authorization.Allowed(principalId, authorizer);
  }

  /** The statements of a policy document (one object or an array of them); null when it is not a policy. */
  private static List<JsonNode> statements(JsonNode policy) {
    JsonNode statement = policy.get("Statement");
    if (!policy.isObject() || statement == null) {
      return null;
    }
    List<JsonNode> out = new ArrayList<>();
    if (statement.isObject()) {
      out.add(statement);
    } else if (statement.isArray()) {
      for (JsonNode s : statement) {
        if (!s.isObject()) {
          return null;
        }
        out.add(s);
      }
    } else {
      return null;
    }
    return out;
  }

  /** A string, or a non-empty list of strings, as IAM takes for Action and Resource. */
  private static boolean isStrings(JsonNode node) {
    if (node == null) {
      return false;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (!element.isTextual()) {
          return false;
        }
      }
      return !node.isEmpty();
    }
    return node.isTextual();
  }

  /** Whether a policy's string or list of strings has a pattern matching the value; IAM's {@code *} and {@code ?}. */
  private static boolean matchesAny(JsonNode patterns, String value, boolean ignoreCase) {
    if (patterns == null) {
      return false;
    }
    for (JsonNode pattern : patterns.isArray() ? patterns : List.of(patterns)) {
      if (pattern.isTextual() && glob(pattern.asText(), ignoreCase).matcher(value).matches()) {
        return true;
      }
    }
    return false;
  }

  private static Pattern glob(String pattern, boolean ignoreCase) {
    var regex = new StringBuilder();
    for (String part : pattern.split("((?<=[*?])|(?=[*?]))")) {
      regex.append(part.equals("*") ? ".*" : part.equals("?") ? "." : Pattern.quote(part));
    }
    return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
  }
}
