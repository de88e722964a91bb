package io.wschat.benchmarks.messagelog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One chat client on one JDK WebSocket, in the benchmark's process, used one request at a time: every frame it
 * receives is queued with the {@link System#nanoTime} of its arrival (stamped before any parsing), and read in order
 * by {@link #next}. Requests are built and frames parsed with Jackson, off the timed path.
 */
final class ChatSocket implements WebSocket.Listener, AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A frame as received, and when. */
  record Frame(String text, long nanos) {
    JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + text, e);
      }
    }

    String type() {
      return json().path("type").asText();
    }
  }

  private final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final StringBuilder partial = new StringBuilder();
  private final String name;
  private WebSocket socket;
  private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);

  private ChatSocket(String name) {
    this.name = name;
  }

  static ChatSocket open(HttpClient http, URI uri, String name) {
    ChatSocket client = new ChatSocket(name);
    WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, client)
        .orTimeout(60, TimeUnit.SECONDS).join();
    synchronized (client) {
      client.socket = ws;
    }
    return client;
  }

  /** Opens a connection and registers it as {@code userId}. */
  static ChatSocket registered(HttpClient http, URI uri, String userId) {
    ChatSocket client = open(http, uri, userId);
    client.send(request("registerUser").put("userId", userId));
    client.expect("registrationSuccess", Duration.ofSeconds(30));
    return client;
  }

  static ObjectNode request(String action) {
    return JSON.createObjectNode().put("action", action);
  }

  /** Sends a request; answers the nanoTime just before it was handed to the socket. */
  synchronized long send(ObjectNode request) {
    String text = request.toString();
    long now = System.nanoTime();
    // The JDK allows one outstanding send per socket; chaining keeps that true.
    lastSend = lastSend.thenCompose(ignored -> socket.sendText(text, true));
    return now;
  }

  /** The next frame, whatever it is; fails if none arrives within {@code limit}. */
  Frame next(Duration limit) {
    try {
      Frame frame = frames.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (frame == null) {
        throw new IllegalStateException(name + ": no frame within " + limit);
      }
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The next frame, which must be of {@code type}: an error frame or any other fails the benchmark, loudly. */
  Frame expect(String type, Duration limit) {
    Frame frame = next(limit);
    if (!frame.type().equals(type)) {
      throw new IllegalStateException(name + ": expected " + type + ", got " + frame.text());
    }
    return frame;
  }

  /** The next frame if one has arrived, else null. */
  Frame poll() {
    return frames.poll();
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    if (!last) {
      partial.append(data);
    } else {
      long now = System.nanoTime();
      String text = partial.isEmpty() ? data.toString() : partial.append(data).toString();
      partial.setLength(0);
      frames.add(new Frame(text, now));
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    frames.add(new Frame("{\"type\":\"socketError\",\"error\":" + JSON.valueToTree(String.valueOf(error)) + "}",
        System.nanoTime()));
  }

  @Override
  public synchronized void close() {
    if (socket != null) {
      socket.abort();
    }
  }
}
