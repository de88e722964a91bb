package io.wschat.localgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real WebSocket client (the JDK's) that keeps every text frame and the close it got. Public for the runner's
 * end-to-end tests.
 */
public final class WsClient implements WebSocket.Listener, AutoCloseable {
  public record Close(int code, String reason) {}

  public static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration REACHABLE_LIMIT = Duration.ofSeconds(5);

  public final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
  public final CompletableFuture<Close> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  public static WsClient connect(URI uri) {
    return connect(uri, "wschat-test");
  }

  public static WsClient connect(URI uri, String userAgent) {
    var client = new WsClient();
    client.socket = HTTP.newWebSocketBuilder().header("User-Agent", userAgent)
        .connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, client).join();
    return client;
  }

  /** Connects as a browser on a page of {@code origin} would, with that {@code Origin} header. */
  public static WsClient connectFrom(URI uri, String origin) {
    var client = new WsClient();
    client.socket = HTTP.newWebSocketBuilder().header("Origin", origin)
        .connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, client).join();
    return client;
  }

  /** The HTTP status with which the server refused a handshake from a page of {@code origin}. */
  public static int handshakeStatusFrom(URI uri, String origin) {
    Throwable failure = catchThrowable(() -> HTTP.newWebSocketBuilder().header("Origin", origin)
        .buildAsync(uri, new WebSocket.Listener() {}).join());
    assertThat(failure).isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(WebSocketHandshakeException.class);
    return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
  }

  /** The HTTP status with which the server refused the handshake; fails if it accepted it. */
  public static int handshakeStatus(URI uri) {
    Throwable failure = catchThrowable(() -> HTTP.newWebSocketBuilder()
        .buildAsync(uri, new WebSocket.Listener() {}).join());
    assertThat(failure).isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(WebSocketHandshakeException.class);
    return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
  }

  /**
   * Waits until the Management API at {@code managementEndpoint} answers GET for {@code connectionId}: the gateway
   * registers a connection once the upgrade completes, just after {@code $connect} returns, so a post sent as soon
   * as {@code $connect} ran may still be answered 410.
   */
  public static void awaitReachable(URI managementEndpoint, String connectionId) {
    URI uri = URI.create(managementEndpoint + "/@connections/" + connectionId.replace("=", "%3D"));
    long deadline = System.nanoTime() + REACHABLE_LIMIT.toNanos();
    int status = 0;
    while (System.nanoTime() < deadline) {
      status = HTTP.sendAsync(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding())
          .join().statusCode();
      if (status == 200) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // the poll interval
    }
    throw new AssertionError("connection " + connectionId + " not reachable within " + REACHABLE_LIMIT
        + ", last answer " + status);
  }

  /** Sends one message as several frames of at most {@code frameChars} characters each, as API Gateway requires. */
  public WsClient sendInFrames(String text, int frameChars) {
    for (int start = 0; start < text.length(); start += frameChars) {
      int end = Math.min(text.length(), start + frameChars);
      socket.sendText(text.substring(start, end), end == text.length()).join();
    }
    return this;
  }

  public WsClient send(String text) {
    socket.sendText(text, true).join();
    return this;
  }

  public void sendBinary(java.nio.ByteBuffer data) {
    socket.sendBinary(data, true).join();
  }

  /** Sends unless the socket closed meanwhile; for loops that race the server's close. */
  public void sendQuietly(String text) {
    socket.sendText(text, true).exceptionally(x -> null).join();
  }

  public String next() throws InterruptedException {
    String frame = frames.poll(5, TimeUnit.SECONDS);
    if (frame == null) {
      throw new AssertionError("no frame within 5 s");
    }
    return frame;
  }

  public Close awaitClose(Duration timeout) throws Exception {
    return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public void closeWith(int code, String reason) {
    socket.sendClose(code, reason).join();
  }

  /** Drops the TCP connection without a close frame, as a lost network would. */
  public void drop() {
    socket.abort();
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      frames.add(partial.toString());
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(new Close(statusCode, reason));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(x -> null);
    }
  }
}
