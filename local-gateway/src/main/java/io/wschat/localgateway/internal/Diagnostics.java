package io.wschat.localgateway.internal;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /@local/metrics}: what the gateway has done since it started, as JSON, for a benchmark or a test in
 * another process: {@code {"postToConnection":N,"routeResponses":M}}. API Gateway has no such path (its figures
 * are in CloudWatch), so it answers loopback clients only, and 404 like any unknown path to anyone else.
 */
public final class Diagnostics extends Handler.Abstract {
  public static final String PATH = "/@local/metrics";

  private final AtomicLong postToConnection = new AtomicLong();
  private final AtomicLong routeResponses = new AtomicLong();
  private final AtomicLong droppedOnClose = new AtomicLong();

  /** A PostToConnection request answered, whatever its status. */
  void posted() {
    postToConnection.incrementAndGet();
  }

  /** A route response's body sent back to the client that sent the message. */
  void routeResponse() {
    routeResponses.incrementAndGet();
  }

  /** Received messages a connection still had queued when it closed, which were never routed. */
  void dropped(int messages) {
    droppedOnClose.addAndGet(messages);
  }

  public long droppedOnClose() {
    return droppedOnClose.get();
  }

  public long postToConnection() {
    return postToConnection.get();
  }

  public long routeResponses() {
    return routeResponses.get();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!PATH.equals(request.getHttpURI().getPath()) || !HttpMethod.GET.is(request.getMethod())
        || !(request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress remote)
        || !remote.getAddress().isLoopbackAddress()) {
      return false;
    }
    String body = "{\"postToConnection\":" + postToConnection() + ",\"routeResponses\":" + routeResponses() + "}";
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
