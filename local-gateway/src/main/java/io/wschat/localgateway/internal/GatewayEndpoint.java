package io.wschat.localgateway.internal;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One accepted socket. Jetty delivers its frames in order; each becomes an invocation queued on the
 * connection's serial executor, so order is kept and Jetty's threads return at once. The endpoint demands frames
 * itself, through the connection's {@link InboundQueue}: a full queue stops the reading, which is the back-pressure.
 * Public only because Jetty binds to its methods through method handles.
 */
public final class GatewayEndpoint implements Session.Listener {
  private final Gateway gateway;
  private final Connection connection;
  private final MessageDispatcher dispatcher;

  GatewayEndpoint(Gateway gateway, Connection connection) {
    this.gateway = gateway;
    this.connection = connection;
    this.dispatcher = new MessageDispatcher(gateway, connection);
  }

  @Override
  public void onWebSocketOpen(Session session) {
    var settings = gateway.settings();
    connection.opened(session, settings.inboundQueueMessages(), settings.outboundBufferBytes(),
        settings.maxFrameBytes());
    gateway.opened(connection);
    connection.inbound().start();
  }

  @Override
  public void onWebSocketText(String message) {
    connection.touch();
    connection.inbound().received(() -> dispatcher.dispatch(message));
  }

  /** API Gateway does not accept binary frames from clients: it closes with 1003. */
  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    callback.succeed();
    connection.close(StatusCode.BAD_DATA, "Binary frames are not supported");
    connection.inbound().control(); // the frame took the demand; reading goes on to the client's close
  }

  @Override
  public void onWebSocketPing(ByteBuffer payload) {
    connection.touch(); // a ping keeps the connection from going idle; Jetty answers it with a pong
    connection.inbound().control();
  }

  @Override
  public void onWebSocketPong(ByteBuffer payload) {
    connection.inbound().control();
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason) {
    gateway.closed(connection, statusCode == StatusCode.NO_CLOSE);
    String requestId = Ids.next();
    String why = reason(statusCode, reason);
    gateway.accessLog().disconnect(connection.id(), requestId, connection.sourceIp(), statusCode, why);
    gateway.route("$disconnect").ifPresent(route -> connection.invocations().execute(() ->
        Invocation.of(route.function(), gateway.events().disconnect(connection, statusCode, why, requestId))));
  }

  /**
   * The client's own reason when it sent one; API Gateway's wording when the gateway itself saw the end
   * (no close frame, no status, too large), instead of Jetty's.
   */
  private static String reason(int code, String clientReason) {
    String standard = switch (code) {
      case StatusCode.NORMAL -> "Connection Closed Normally";
      case StatusCode.SHUTDOWN -> "Going away";
      case StatusCode.NO_CODE -> "Client-side close frame status not set";
      case StatusCode.NO_CLOSE -> "Connection Closed Abnormally";
      case StatusCode.MESSAGE_TOO_LARGE -> "Message too big";
      default -> "";
    };
    boolean gatewaySawIt = code == StatusCode.NO_CODE || code == StatusCode.NO_CLOSE
        || code == StatusCode.MESSAGE_TOO_LARGE;
    return gatewaySawIt || clientReason == null || clientReason.isEmpty() ? standard : clientReason;
  }

  /** Jetty reports errors it then closes for (1009, dropped sockets); the close and $disconnect follow. */
  @Override
  public void onWebSocketError(Throwable cause) {
  }
}
