package io.wschat.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Secrets Manager's GetSecretValue as the service answers it over its AWS JSON 1.1 protocol, on loopback: a POST to
 * {@code /} with {@code X-Amz-Target: secretsmanager.GetSecretValue}, signed with SigV4, and either the secret or
 * the service's {@code ResourceNotFoundException}. Anything else is the service's {@code UnknownOperationException}
 * or {@code MissingAuthenticationTokenException}. Not a mock of the SDK: the SDK's own client talks to it.
 */
final class SecretsManagerTestServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  /** The SecretId of every GetSecretValue that reached the server. */
  final List<String> requests = new CopyOnWriteArrayList<>();

  SecretsManagerTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  /** Holds {@code value} as the SecretString of the secret whose ARN is {@code arn}; its name is found in the ARN. */
  SecretsManagerTestServer withSecret(String arn, String value) {
    secrets.put(arn, value);
    return this;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")
          || !authorization.contains("/secretsmanager/aws4_request")) {
        reply(exchange, 400, error("MissingAuthenticationTokenException", "Missing Authentication Token"));
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())
          || !"secretsmanager.GetSecretValue".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
        reply(exchange, 400, error("UnknownOperationException", null));
        return;
      }
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      String id = request.path("SecretId").asText();
      requests.add(id);
      String value = secrets.get(id);
      if (value == null) {
        reply(exchange, 400, error("ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
        return;
      }
      ObjectNode body = JSON.createObjectNode()
          .put("ARN", id)
          .put("Name", id.substring(id.indexOf(":secret:") + ":secret:".length(), id.length() - 7))
          .put("SecretString", value)
          .put("VersionId", "EXAMPLE1-90ab-cdef-fedc-ba987SECRET1")
          .put("CreatedDate", 1.523477145713E9);
      body.putArray("VersionStages").add("AWSCURRENT");
      reply(exchange, 200, body);
    }
  }

  private static ObjectNode error(String type, String message) {
    ObjectNode body = JSON.createObjectNode().put("__type", type);
    if (message != null) {
      body.put("Message", message);
    }
    return body;
  }

  private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-RequestId", "fake-request-id");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
