package io.wschat.adapter.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.wschat.adapter.lambda.EventLog.Level;
import io.wschat.domain.model.Action;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.ErrorCode;
import io.wschat.domain.model.InvalidInputException;
import io.wschat.domain.model.MessageTooLargeException;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageSender;
import io.wschat.domain.usecase.Connect;
import io.wschat.domain.usecase.Disconnect;
import io.wschat.domain.usecase.IdentityPolicy;
import io.wschat.domain.usecase.RegisterUser;
import io.wschat.domain.usecase.SendPrivateMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns API Gateway WebSocket events into use-case commands. Every outcome reaches the caller as a frame, since a
 * WebSocket client never sees the status code unless a route response is configured; the status is for logs and
 * metrics: 200 handled (including rejections such as USER_NOT_CONNECTED), 400 bad input, 500 infrastructure failure.
 * No exception escapes, and no stack trace reaches a client.
 */
public final class WebSocketEventHandler {
  public static final String CONNECT = "$connect";
  public static final String DISCONNECT = "$disconnect";
  public static final String DEFAULT = "$default";
  /** Every route this handler serves; a deployment declares exactly these, each integrated with this handler. */
  public static final List<String> ROUTES =
      List.of(CONNECT, DISCONNECT, DEFAULT, WireProtocol.REGISTER_USER, WireProtocol.SEND_PRIVATE_MESSAGE);

  private final ConnectionRegistry registry;
  private final SenderResolver senders;
  private final WireProtocol protocol;
  private final EventLog log;
  private final IdentityPolicy identity;
  private final Connect connect;
  private final Disconnect disconnect;
  private final Map<String, UseCases> useCases = new ConcurrentHashMap<>();

  private record UseCases(RegisterUser register, SendPrivateMessage send) {}

  public WebSocketEventHandler(
      ConnectionRegistry registry, SenderResolver senders, WireProtocol protocol, EventLog log) {
    this(registry, senders, protocol, log, IdentityPolicy.OPEN);
  }

  /**
   * With {@link IdentityPolicy#VERIFIED}, a connection is the user that the $connect authorizer verified
   * ({@code requestContext.authorizer.userId}) and may register as no one else.
   */
  public WebSocketEventHandler(ConnectionRegistry registry, SenderResolver senders, WireProtocol protocol,
      EventLog log, IdentityPolicy identity) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.senders = Objects.requireNonNull(senders, "senders");
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.log = Objects.requireNonNull(log, "log");
    this.identity = Objects.requireNonNull(identity, "identity");
    this.connect = new Connect(registry, identity);
    this.disconnect = new Disconnect(registry);
  }

  public APIGatewayV2WebSocketResponse handle(APIGatewayV2WebSocketEvent event, Context context) {
    LambdaLogger logger = context == null ? null : context.getLogger();
    RequestContext request = event == null ? null : event.getRequestContext();
    if (request == null || request.getConnectionId() == null || request.getRouteKey() == null) {
      log.log(logger, Level.WARN, "not_a_websocket_event", Map.of());
      return status(400);
    }
    String routeKey = request.getRouteKey();
    ConnectionId connection;
    try {
      connection = new ConnectionId(request.getConnectionId());
    } catch (InvalidInputException e) {
      log.log(logger, Level.WARN, "bad_connection_id", Map.of("routeKey", routeKey));
      return status(400);
    }
    Optional<Action> action = WireProtocol.action(routeKey);
    try {
      switch (routeKey) {
        case CONNECT:
          Connect.Result connected = connect.handle(new Connect.Command(connection, verifiedUser(request, logger)));
          Map<String, Object> connectFields = fields(request, null);
          connectFields.put("outcome", connected instanceof Connect.Result.Rejected ? "forbidden" : "accepted");
          log.log(logger, Level.INFO, "connect", connectFields);
          return status(connected instanceof Connect.Result.Rejected ? 403 : 200);
        case DISCONNECT:
          disconnect.handle(new Disconnect.Command(connection));
          log.log(logger, Level.INFO, "disconnect", fields(request, null));
          return status(200);
        case DEFAULT:
          WireProtocol.Body body = protocol.body(event.getBody());
          Optional<String> named = body.action();
          action = named.flatMap(WireProtocol::action);
          if (action.isEmpty()) {
            return unknownAction(request, connection, named.orElse(null), logger);
          }
          return perform(action.get(), body, request, connection);
        default:
          if (action.isEmpty()) {
            return unknownAction(request, connection, routeKey, logger);
          }
          return perform(action.get(), protocol.body(event.getBody()), request, connection);
      }
    } catch (InvalidInputException e) {
      ErrorCode code = e instanceof MessageTooLargeException ? ErrorCode.MESSAGE_TOO_LARGE : ErrorCode.INVALID_REQUEST;
      return answerError(request, connection, code, e.getMessage(), action, 400, logger);
    } catch (RuntimeException e) {
      Map<String, Object> fields = fields(request, action.orElse(null));
      fields.put("error", e.getClass().getName());
      fields.put("detail", e.getMessage());
      log.log(logger, Level.ERROR, "internal_error", fields);
      return answerError(request, connection, ErrorCode.INTERNAL_ERROR,
          "the server could not handle this request; try again", action, 500, logger);
    }
  }

  private APIGatewayV2WebSocketResponse perform(
      Action action, WireProtocol.Body body, RequestContext request, ConnectionId connection) {
    WireProtocol.Request parsed = protocol.request(action, body);
    UseCases chat = useCasesFor(request);
    if (parsed instanceof WireProtocol.Request.Register r) {
      chat.register().handle(new RegisterUser.Command(connection, r.userId(), verifiedUser(request, null)));
    } else if (parsed instanceof WireProtocol.Request.SendMessage m) {
      chat.send().handle(new SendPrivateMessage.Command(connection, m.targetUserId(), m.message()));
    }
    return status(200);
  }

  private APIGatewayV2WebSocketResponse unknownAction(
      RequestContext request, ConnectionId connection, String named, LambdaLogger logger) {
    String text = (named == null ? "the request names no action" : "unknown action '" + named + "'")
        + "; known actions: " + WireProtocol.REGISTER_USER + ", " + WireProtocol.SEND_PRIVATE_MESSAGE;
    return answerError(request, connection, ErrorCode.UNKNOWN_ACTION, text, Optional.empty(), 400, logger);
  }

  /** Sends an error frame if the connection can still be reached; a failure to do so is logged, never thrown. */
  private APIGatewayV2WebSocketResponse answerError(RequestContext request, ConnectionId connection, ErrorCode code,
      String text, Optional<Action> action, int status, LambdaLogger logger) {
    try {
      senderFor(request).send(connection, new OutboundMessage.Error(code, text, action));
    } catch (RuntimeException e) {
      Map<String, Object> fields = fields(request, action.orElse(null));
      fields.put("code", code.name());
      fields.put("error", e.getClass().getName());
      fields.put("detail", e.getMessage());
      log.log(logger, Level.ERROR, "error_frame_not_sent", fields);
    }
    return status(status);
  }

  private UseCases useCasesFor(RequestContext request) {
    // One set of use cases per API stage, built on first use and kept: events of a stage share one sender.
    return useCases.computeIfAbsent(request.getDomainName() + "/" + request.getStage(), api -> {
      MessageSender sender = senderFor(request);
      return new UseCases(new RegisterUser(registry, sender, identity), new SendPrivateMessage(registry, sender));
    });
  }

  /** The user the $connect authorizer verified, carried by API Gateway in every event of the connection. */
  private Optional<UserId> verifiedUser(RequestContext request, LambdaLogger logger) {
    Map<String, Object> authorizer = request.getAuthorizer();
    Object userId = authorizer == null ? null : authorizer.get("userId");
    if (userId == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new UserId(userId.toString()));
    } catch (InvalidInputException e) {
      log.log(logger, Level.WARN, "bad_verified_user_id", fields(request, null));
      return Optional.empty();
    }
  }

  private MessageSender senderFor(RequestContext request) {
    return senders.forApi(request.getDomainName(), request.getStage());
  }

  private static Map<String, Object> fields(RequestContext request, Action action) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("connectionId", request.getConnectionId());
    fields.put("requestId", request.getRequestId());
    fields.put("routeKey", request.getRouteKey());
    fields.put("action", action == null ? null : WireProtocol.wireName(action));
    return fields;
  }

  private static APIGatewayV2WebSocketResponse status(int code) {
    APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
    response.setStatusCode(code);
    return response;
  }
}
