package io.wschat.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP server on loopback that answers PostToConnection as API Gateway's Management API does: 200 for a
 * live connection, 410 with {@code x-amzn-ErrorType: GoneException} for a closed one. It keeps every frame posted.
 */
final class ManagementApiTestServer implements AutoCloseable {
  record Frame(String connectionId, String body) {}

  private final HttpServer server;
  private final String stage;
  private final List<Frame> frames = new ArrayList<>();
  private final Set<String> closed = ConcurrentHashMap.newKeySet();

  ManagementApiTestServer(String stage) throws IOException {
    this.stage = stage;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/" + stage + "/@connections/", this::post);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + stage);
  }

  void close(String connectionId) {
    closed.add(connectionId);
  }

  synchronized List<Frame> allFrames() {
    return List.copyOf(frames);
  }

  synchronized List<String> framesTo(String connectionId) {
    return frames.stream().filter(f -> f.connectionId().equals(connectionId)).map(Frame::body).toList();
  }

  private void post(HttpExchange exchange) throws IOException {
    try (exchange) {
      String raw = exchange.getRequestURI().getRawPath();
      String id = URLDecoder.decode(raw.substring(raw.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
      } else if (closed.contains(id)) {
        byte[] error = "{\"message\":\"Gone\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("x-amzn-ErrorType", "GoneException");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(410, error.length);
        exchange.getResponseBody().write(error);
      } else {
        synchronized (this) {
          frames.add(new Frame(id, new String(body, StandardCharsets.UTF_8)));
        }
        exchange.sendResponseHeaders(200, -1);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
