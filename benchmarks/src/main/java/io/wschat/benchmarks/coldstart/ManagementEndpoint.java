package io.wschat.benchmarks.coldstart;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the API Gateway Management API on loopback: answers 200 to {@code POST /{stage}/@connections/{id}}
 * and 404 to anything else, and counts the posts, so a cold-start run can prove that it really delivered.
 */
public final class ManagementEndpoint implements AutoCloseable {
  public static final String STAGE = "bench";

  private final HttpServer server;
  private final ExecutorService threads;
  private final AtomicInteger posts = new AtomicInteger();

  private ManagementEndpoint(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  public static ManagementEndpoint start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "management-endpoint");
        t.setDaemon(true);
        return t;
      });
      ManagementEndpoint endpoint = new ManagementEndpoint(server, threads);
      server.createContext("/", exchange -> {
        try (exchange) {
          exchange.getRequestBody().readAllBytes();
          boolean post = "POST".equals(exchange.getRequestMethod())
              && exchange.getRequestURI().getPath().startsWith("/" + STAGE + "/@connections/");
          if (post) {
            endpoint.posts.incrementAndGet();
          }
          exchange.sendResponseHeaders(post ? 200 : 404, -1);
        }
      });
      server.setExecutor(threads);
      server.start();
      return endpoint;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Management API stand-in", e);
    }
  }

  /** What WEBSOCKET_CALLBACK_URL is set to. */
  public URI callbackUrl() {
    return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
        + server.getAddress().getPort() + "/" + STAGE);
  }

  public int posts() {
    return posts.get();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
