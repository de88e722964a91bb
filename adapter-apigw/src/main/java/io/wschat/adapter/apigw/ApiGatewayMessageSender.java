package io.wschat.adapter.apigw;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.port.FanOut;
import io.wschat.domain.port.MessageSender;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * Posts messages to WebSocket connections with the Management API's PostToConnection. The client does the
 * retrying (429 and 5xx); this class turns what is left into the port's terms, so no SDK type leaves it.
 * It does not own the client: {@link ApiGatewayMessageSenders} builds, shares and closes clients.
 */
public final class ApiGatewayMessageSender implements MessageSender {

  private final ApiGatewayManagementApiClient client;
  private final Function<OutboundMessage, byte[]> encoder;
  private final Executor fanOut;
  private final PostListener listener;

  /**
   * @param encoder turns a message into the bytes clients receive; the wire format belongs to the inbound adapter
   * @param fanOut runs the extra posts of {@link #sendAll}; the calling thread always does one of them itself
   */
  public ApiGatewayMessageSender(
      ApiGatewayManagementApiClient client, Function<OutboundMessage, byte[]> encoder, Executor fanOut) {
    this(client, encoder, fanOut, PostListener.NONE);
  }

  /** As above, telling {@code listener} how each call ended and how long it took. */
  public ApiGatewayMessageSender(ApiGatewayManagementApiClient client, Function<OutboundMessage, byte[]> encoder,
      Executor fanOut, PostListener listener) {
    this.client = Objects.requireNonNull(client, "client");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.fanOut = Objects.requireNonNull(fanOut, "fanOut");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public Delivery send(ConnectionId connection, OutboundMessage message) {
    Objects.requireNonNull(connection, "connection");
    return post(connection, encode(message));
  }

  /** Posts bytes exactly as given, e.g. a frame the inbound adapter rendered; same answers as {@link #send}. */
  public Delivery post(ConnectionId connection, byte[] frame) {
    Objects.requireNonNull(connection, "connection");
    return post(connection, SdkBytes.fromByteArray(Objects.requireNonNull(frame, "frame")));
  }

  /** Posts to all connections at once: each post waits on a network round trip, not on the CPU. */
  @Override
  public Map<ConnectionId, Delivery> sendAll(Set<ConnectionId> connections, OutboundMessage message) {
    Objects.requireNonNull(connections, "connections");
    if (connections.isEmpty()) {
      return Map.of();
    }
    SdkBytes payload = encode(message);
    return FanOut.apply(connections, connection -> post(connection, payload), fanOut);
  }

  private SdkBytes encode(OutboundMessage message) {
    Objects.requireNonNull(message, "message");
    // Unsafe means "not copied": the encoder's fresh array is shared read-only by every post of this message.
    return SdkBytes.fromByteArrayUnsafe(Objects.requireNonNull(encoder.apply(message), "encoded message"));
  }

  // API Gateway's size limit is checked by API Gateway (and the local gateway), which answer 413: stated once there.
  private Delivery post(ConnectionId connection, SdkBytes payload) {
    long start = System.nanoTime();
    PostListener.Outcome outcome = PostListener.Outcome.FAILED;
    try {
      Delivery delivery = postOnce(connection, payload);
      outcome = switch (delivery) {
        case DELIVERED -> PostListener.Outcome.DELIVERED;
        case GONE -> PostListener.Outcome.GONE;
        case BUSY -> PostListener.Outcome.THROTTLED;
      };
      return delivery;
    } finally {
      listener.posted(outcome, System.nanoTime() - start);
    }
  }

  private Delivery postOnce(ConnectionId connection, SdkBytes payload) {
    int size = payload.asByteArrayUnsafe().length;
    try {
      client.postToConnection(request -> request.connectionId(connection.value()).data(payload));
      return Delivery.DELIVERED;
    } catch (SdkServiceException e) {
      return answer(connection, size, e);
    } catch (SdkException e) {
      throw new PostToConnectionException(connection, OptionalInt.empty(), "PostToConnection to connection "
          + connection + " got no answer" + attempts(e) + ": " + e.getMessage(), e);
    }
  }

  // By status, not by exception class: a local gateway may answer 410 without x-amzn-ErrorType.
  private static Delivery answer(ConnectionId connection, int size, SdkServiceException e) {
    int status = e.statusCode();
    if (status == 410) {
      return Delivery.GONE;
    }
    if (status == 429) {
      // Still LimitExceededException after the client's retries: the client-side buffer is full (or the API is
      // over its rate). The frame did not go out, and the connection is still there.
      return Delivery.BUSY;
    }
    if (status == 413) {
      throw new PayloadTooLargeException(connection, OptionalInt.of(status), "HTTP 413 for " + size + " bytes", e);
    }
    String what = "HTTP " + status + errorCode(e) + requestId(e);
    if (status >= 500) {
      throw new PostToConnectionException(connection, OptionalInt.of(status),
          "PostToConnection to connection " + connection + " failed" + attempts(e) + " with " + what, e);
    }
    throw new PostToConnectionException(connection, OptionalInt.of(status), "PostToConnection to connection "
        + connection + " was refused with " + what + (status == 403
            ? "; check the endpoint URL and the execute-api:ManageConnections permission" : ""), e);
  }

  private static String errorCode(SdkServiceException e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        && aws.awsErrorDetails().errorCode() != null) {
      return " (" + aws.awsErrorDetails().errorCode() + ")";
    }
    return "";
  }

  private static String requestId(SdkServiceException e) {
    return e.requestId() == null ? "" : ", requestId " + e.requestId();
  }

  private static String attempts(SdkException e) {
    return e.numAttempts() == null ? "" : " after " + e.numAttempts() + " attempts";
  }
}
