package io.wschat.localgateway.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;

/**
 * The API Gateway Management API at {@code /{stage}/@connections/{connectionId}}: PostToConnection, GetConnection
 * and DeleteConnection. Errors carry {@code x-amzn-ErrorType} and a JSON body, which is how the AWS SDKs and CLI
 * pick the exception type. Signatures are not checked: there are no credentials to check them against.
 */
public final class ManagementApi extends Handler.Abstract {
  /** How long a PostToConnection body may take to arrive once its headers have. */
  static final Duration BODY_TIMEOUT = Duration.ofSeconds(10);
  /** How long a handler thread waits for a body before leaving it to arrive on its own. */
  private static final Duration BODY_WAIT = Duration.ofMillis(100);

  private final Gateway gateway;
  private final String prefix;

  public ManagementApi(Gateway gateway) {
    this.gateway = gateway;
    this.prefix = "/" + gateway.settings().stage() + "/@connections/";
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath(); // still encoded: clients send '=' as %3D
    if (path == null || !path.startsWith(prefix) || path.length() == prefix.length()) {
      return false;
    }
    String connectionId = URIUtil.decodePath(path.substring(prefix.length()));
    var connection = gateway.connection(connectionId).filter(Connection::isOpen);
    String method = request.getMethod();
    if (HttpMethod.POST.is(method)) {
      gateway.diagnostics().posted();
    }
    if (connection.isEmpty() && isKnown(method)) {
      error(response, callback, 410, "GoneException", null);
    } else if (HttpMethod.POST.is(method)) {
      post(request, response, callback, connection.get());
    } else if (HttpMethod.GET.is(method)) {
      get(response, callback, connection.get());
    } else if (HttpMethod.DELETE.is(method)) {
      connection.get().close(1000, "");
      response.setStatus(204);
      callback.succeeded();
    } else {
      error(response, callback, 403, "ForbiddenException", "Forbidden");
    }
    return true;
  }

  private static boolean isKnown(String method) {
    return HttpMethod.POST.is(method) || HttpMethod.GET.is(method) || HttpMethod.DELETE.is(method);
  }

  private void post(Request request, Response response, Callback callback, Connection connection) {
    int max = gateway.settings().maxMessageBytes();
    if (request.getLength() > max) {
      error(response, callback, 413, "PayloadTooLargeException", "Message too long");
      return;
    }
    CompletableFuture<byte[]> body = Content.Source.asByteArrayAsync(request, max); // at most 128 KB
    try {
      // The usual case: the body comes with the headers, or a moment after. Then everything happens here, inside
      // handle(), and the answer does not wait for the frame's write. Completing the exchange from another thread
      // (the frame's write, or a task of its own) raced in Jetty 12.1.14 under load: an NPE in
      // HttpChannelState.completeStream, a response that never went out, the SDK's retry after its 5 s timeout,
      // and the frame delivered twice (~30, then 2, NPEs per 150,000 posts). Completing it from the body's own
      // read callback lost responses in our tests.
      post(body.get(BODY_WAIT.toMillis(), TimeUnit.MILLISECONDS), null, response, callback, connection);
      return;
    } catch (TimeoutException slow) {
      // handled below, without this thread
    } catch (ExecutionException tooLargeOrBroken) {
      post(null, tooLargeOrBroken.getCause(), response, callback, connection);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      callback.failed(e);
      return;
    }
    // A body still on its way after BODY_WAIT is awaited without a thread: a client that sends it slowly, or
    // never, holds only its own connection, not one of the threads every other client needs. It is answered 408
    // after BODY_TIMEOUT, on a task of its own (this rare path accepts the race above).
    body.orTimeout(BODY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenCompleteAsync(
        (data, failure) -> post(data, failure, response, callback, connection),
        request.getComponents().getExecutor());
  }

  private void post(byte[] data, Throwable failure, Response response, Callback callback, Connection connection) {
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      if (cause instanceof TimeoutException) {
        error(response, callback, 408, "RequestTimeoutException", "Request body not received within "
            + BODY_TIMEOUT.toSeconds() + " s");
      } else {
        error(response, callback, 413, "PayloadTooLargeException", "Message too long"); // too large, or cut off
      }
      return;
    }
    if (data.length == 0) {
      // Rather than send an empty frame: what API Gateway answers is not documented (its model allows 0 bytes).
      error(response, callback, 400, "BadRequestException", "Invalid request body: Data must not be empty");
      return;
    }
    // 200 means the frame is in the connection's outbound buffer, ahead of any close frame, so a client that reads
    // gets it; not yet written. A connection closing or closed (a DELETE or the client's close came first) is 410.
    var offer = isUtf8(data) ? connection.offer(new String(data, StandardCharsets.UTF_8))
        : connection.offer(ByteBuffer.wrap(data));
    switch (offer) {
      case ACCEPTED -> ok(response, callback);
      case FULL -> error(response, callback, 429, "LimitExceededException", null);
      case CLOSED -> error(response, callback, 410, "GoneException", null);
    }
  }

  private static void ok(Response response, Callback callback) {
    response.setStatus(200);
    callback.succeeded();
  }

  private static void get(Response response, Callback callback, Connection connection) {
    var body = Json.object()
        .put("connectedAt", Instant.ofEpochMilli(connection.connectedAt()).toString())
        .put("lastActiveAt", Instant.ofEpochMilli(connection.lastActiveAt()).toString());
    body.putObject("identity").put("sourceIp", connection.sourceIp()).put("userAgent", connection.userAgent());
    json(response, callback, 200, body.toString());
  }

  private static void error(Response response, Callback callback, int status, String type, String message) {
    AwsErrors.write(response, callback, status, type, message);
  }

  private static void json(Response response, Callback callback, int status, String body) {
    response.setStatus(status);
    response.getHeaders().put("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }

  /** Text the client can read goes out as a text frame; anything else as binary, as API Gateway does. */
  private static boolean isUtf8(byte[] data) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
