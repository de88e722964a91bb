package io.wschat.localgateway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The one mapper the gateway uses for its own JSON: events out, bodies and results in. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Empty for anything that is not JSON: a body that is not JSON is data, not an error. */
  static Optional<JsonNode> parse(byte[] json) {
    try {
      return Optional.ofNullable(MAPPER.readTree(json));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A frame in API Gateway's error shape. */
  static String errorFrame(String message, String connectionId, String requestId) {
    return object().put("message", message).put("connectionId", connectionId).put("requestId", requestId)
        .toString();
  }
}
