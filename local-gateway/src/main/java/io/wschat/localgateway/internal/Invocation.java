package io.wschat.localgateway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** What an integration did with one event: returned a result, or failed as a Lambda function error. */
sealed interface Invocation {
  record Returned(JsonNode result) implements Invocation {
    /** API Gateway reads {@code statusCode}; a result without one counts as success. */
    int statusCode() {
      JsonNode code = result == null ? null : result.get("statusCode");
      return code != null && code.canConvertToInt() ? code.asInt() : 200;
    }

    /** A header of the integration response ({@code headers}), by a name that ignores case. */
    Optional<String> header(String name) {
      JsonNode headers = result == null ? null : result.get("headers");
      if (headers == null || !headers.isObject()) {
        return Optional.empty();
      }
      for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) headers::fields) {
        if (field.getKey().equalsIgnoreCase(name) && field.getValue().isTextual()) {
          return Optional.of(field.getValue().asText());
        }
      }
      return Optional.empty();
    }

    /** The body a route response would send, if any. */
    String body() {
      JsonNode body = result == null ? null : result.get("body");
      return body == null || body.isNull() ? null : body.asText();
    }
  }

  record Failed(Throwable error) implements Invocation {}

  static Invocation of(LambdaFunction function, ObjectNode event) {
    try {
      byte[] result = function.invoke(Json.bytes(event), new LocalContext(function.name()));
      return new Returned(result == null ? null : Json.parse(result).orElse(null));
    } catch (Exception | Error e) { // the Lambda runtime turns both into a function error
      String requestId = event.path("requestContext").path("requestId").asText();
      System.err.println("integration " + function.name() + " failed on request " + requestId + ": " + e);
      return new Failed(e);
    }
  }
}
