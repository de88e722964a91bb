package io.wschat.adapter.apigw;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server that speaks enough of the Management API: {@code POST /{stage}/@connections/{id}}. Each
 * request is answered by a script, and recorded, along with how many requests were in flight at once.
 */
final class ManagementApiStub implements AutoCloseable {

  record Request(String method, String path, String rawPath, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    String connectionId() {
      return path.substring(path.lastIndexOf('/') + 1);
    }
  }

  record Response(int status, Map<String, String> headers, String body) {
    static Response ok() {
      return new Response(200, Map.of(), "");
    }

    static Response error(int status, String errorType) {
      return new Response(status, Map.of("x-amzn-ErrorType", errorType, "x-amzn-RequestId", "req-" + status),
          "{\"message\":\"" + errorType + " from the stub\"}");
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile Function<Request, Response> script = request -> Response.ok();

  ManagementApiStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    // The default executor is the dispatcher thread alone: it would serialise the fan-out we want to observe.
    server.setExecutor(threads);
    server.start();
  }

  /** Where a sender should post, like https://{domainName}/{stage} but over plain http. */
  URI endpoint(String stage) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + stage);
  }

  void answer(Function<Request, Response> script) {
    this.script = script;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try (exchange) {
      Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getRequestURI().getRawPath(), Map.copyOf(exchange.getRequestHeaders()),
          exchange.getRequestBody().readAllBytes());
      requests.add(request);
      Response response = script.apply(request);
      response.headers().forEach(exchange.getResponseHeaders()::add);
      byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
      if (!response.headers().isEmpty() || body.length > 0) {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
      }
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
