package io.wschat.adapter.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.wschat.adapter.lambda.EventLog.Level;
import io.wschat.adapter.lambda.ResponseRenderer.Answer;
import io.wschat.adapter.lambda.ResponseRenderer.Call;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.InvalidInputException;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.usecase.Connect;
import io.wschat.domain.usecase.Disconnect;
import io.wschat.domain.usecase.GetHistory;
import io.wschat.domain.usecase.IdentityPolicy;
import io.wschat.domain.usecase.ListConversations;
import io.wschat.domain.usecase.MarkRead;
import io.wschat.domain.usecase.RegisterUser;
import io.wschat.domain.usecase.RelayTyping;
import io.wschat.domain.usecase.SendPrivateMessage;
import io.wschat.domain.usecase.Sync;
import io.wschat.metrics.Metric;
import io.wschat.metrics.Metrics;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns API Gateway WebSocket events into use-case commands, and their results into the caller's answer through
 * {@link ResponseRenderer}. With {@link Acknowledgements#ROUTE_RESPONSE} the answer is the integration response's
 * body, which API Gateway sends back on a two-way route, always with status 200 (see docs/protocol.md for why);
 * with {@link Acknowledgements#POST} it is posted to the caller's connection. No exception escapes, and no stack
 * trace reaches a client.
 */
public final class WebSocketEventHandler {
  private static final WebSocketEvent NO_EVENT = new WebSocketEvent(null, null, null, null, null, null, null);

  private final Stages stages;
  private final WireProtocol protocol;
  private final ResponseRenderer renderer;
  private final EventLog log;
  private final Metrics metrics;
  private final TraceIds traceIds;
  private final Acknowledgements acknowledgements;
  private final Connect connect;
  private final Disconnect disconnect;
  private final RegisterUser register;
  private final GetHistory history;
  private final ListConversations conversations;

  /**
   * With {@link IdentityPolicy#VERIFIED}, a connection is the user that the $connect authorizer verified
   * ({@code requestContext.authorizer.userId}) and may register as no one else; that user is also the sender of its
   * messages, with no registry read.
   */
  public WebSocketEventHandler(ConnectionRegistry registry, MessageLog messages, Stages stages, WireProtocol protocol,
      EventLog log, IdentityPolicy identity, Acknowledgements acknowledgements) {
    this(registry, messages, stages, protocol, log, identity, acknowledgements, Metrics.NONE, TraceIds.NONE);
  }

  /**
   * As above, recording the outcome of every event in {@code metrics} and flushing them once per event, inside it,
   * with the event's stage; each log line carries the X-Ray trace id that {@code traceIds} finds.
   */
  public WebSocketEventHandler(ConnectionRegistry registry, MessageLog messages, Stages stages, WireProtocol protocol,
      EventLog log, IdentityPolicy identity, Acknowledgements acknowledgements, Metrics metrics, TraceIds traceIds) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(messages, "messages");
    this.stages = Objects.requireNonNull(stages, "stages");
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.log = Objects.requireNonNull(log, "log");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.traceIds = Objects.requireNonNull(traceIds, "traceIds");
    this.acknowledgements = Objects.requireNonNull(acknowledgements, "acknowledgements");
    this.renderer = new ResponseRenderer(protocol, log, metrics);
    this.connect = new Connect(registry, identity);
    this.disconnect = new Disconnect(registry);
    this.register = new RegisterUser(registry, identity);
    this.history = new GetHistory(registry, messages);
    this.conversations = new ListConversations(registry, messages);
  }

  public WebSocketResponse handle(WebSocketEvent event, Context context) {
    LambdaLogger logger = context == null ? null : context.getLogger();
    Call call = new Call(event == null ? NO_EVENT : event, System.nanoTime(), logger, traceIds.of(context));
    metrics.count(Metric.REQUESTS);
    try {
      return route(call, event);
    } finally {
      flush(call);
    }
  }

  /** Writes this event's metrics; metrics that cannot be written are logged, never the caller's problem. */
  private void flush(Call call) {
    try {
      metrics.flush(call.event().stage());
    } catch (RuntimeException e) {
      logFailure(call, "metrics_not_written", e);
    }
  }

  /** One ERROR line for a failure after the answer was decided: the ids, the exception's class and message. */
  private void logFailure(Call call, String event, RuntimeException e) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("connectionId", call.event().connectionId());
    fields.put("requestId", call.event().requestId());
    fields.put("error", e.getClass().getName());
    fields.put("detail", e.getMessage());
    log.log(call.logger(), Level.ERROR, event, fields);
  }

  private WebSocketResponse route(Call call, WebSocketEvent event) {
    if (event == null || event.connectionId() == null || event.routeKey() == null) {
      return WebSocketResponse.status(renderer.notAWebSocketEvent(call).status());
    }
    ConnectionId connection;
    try {
      connection = new ConnectionId(event.connectionId());
    } catch (InvalidInputException e) {
      return WebSocketResponse.status(renderer.notAWebSocketEvent(call).status());
    }
    return switch (event.routeKey()) {
      case Routes.CONNECT -> connected(lifecycle(call, () -> renderer.connected(call,
          connect.handle(new Connect.Command(connection, verifiedUser(call))))).status(), event);
      case Routes.DISCONNECT -> WebSocketResponse.status(lifecycle(call, () -> renderer.disconnected(call,
          disconnect.handle(new Disconnect.Command(connection)))).status());
      default -> reply(call, connection, message(call, connection));
    };
  }

  /**
   * An accepted $connect selects wschat's subprotocol when the client offered it: API Gateway answers the handshake
   * with it, and a browser that offered subprotocols fails a handshake that selects none.
   */
  private static WebSocketResponse connected(int status, WebSocketEvent event) {
    return Subprotocols.selected(event.subprotocols()).filter(selected -> status >= 200 && status <= 299)
        .map(selected -> new WebSocketResponse(status, null, Map.of(Subprotocols.HEADER, selected)))
        .orElseGet(() -> WebSocketResponse.status(status));
  }

  /** $connect and $disconnect: their answer is a status; a failure is logged and answered with 500. */
  private Answer lifecycle(Call call, Supplier<Answer> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return renderer.failed(call, Optional.empty(), e);
    }
  }

  private Answer message(Call call, ConnectionId connection) {
    Request request = protocol.read(call.event().routeKey(), call.event().body());
    try {
      return answer(call, connection, request, verifiedUser(call));
    } catch (RuntimeException e) {
      return renderer.failed(call, request.action(), e);
    }
  }

  /** The one dispatch from a request to its use case and from its result to the renderer. */
  private Answer answer(Call call, ConnectionId connection, Request request, Optional<UserId> verified) {
    if (request instanceof Request.Register r) {
      return renderer.registered(call, r, register.handle(new RegisterUser.Command(connection, r.userId(), verified)));
    }
    if (request instanceof Request.SendMessage m) {
      return renderer.sent(call, m, stage(call).send().handle(
          new SendPrivateMessage.Command(connection, verified, m.targetUserId(), m.message())));
    }
    if (request instanceof Request.GetHistory h) {
      return renderer.history(call, h, history.handle(
          new GetHistory.Command(connection, verified, h.with(), h.before(), h.limit())));
    }
    if (request instanceof Request.GetConversations c) {
      return renderer.conversations(call, c, conversations.handle(new ListConversations.Command(connection, verified)));
    }
    if (request instanceof Request.Sync s) {
      return renderer.synced(call, s, stage(call).sync().handle(new Sync.Command(connection, verified)));
    }
    if (request instanceof Request.MarkRead r) {
      return renderer.markedRead(call, r, stage(call).markRead().handle(
          new MarkRead.Command(connection, verified, r.with(), r.upTo())));
    }
    if (request instanceof Request.Typing t) {
      return renderer.typed(call, t, stage(call).typing().handle(
          new RelayTyping.Command(connection, verified, t.targetUserId())));
    }
    if (request instanceof Request.UnknownAction u) {
      return renderer.unknownAction(call, u);
    }
    return renderer.invalid(call, (Request.Invalid) request);
  }

  /** The answer as the route response's body, or posted to the caller; a post that fails is logged, not thrown. */
  private WebSocketResponse reply(Call call, ConnectionId connection, Answer answer) {
    if (acknowledgements == Acknowledgements.ROUTE_RESPONSE) {
      return new WebSocketResponse(200, new String(answer.frame(), StandardCharsets.UTF_8));
    }
    try {
      if (!stage(call).poster().post(connection, answer.frame())) {
        disconnect.handle(new Disconnect.Command(connection)); // gone before its answer: forget it now
      }
    } catch (RuntimeException e) {
      logFailure(call, "answer_not_posted", e);
    }
    return WebSocketResponse.status(answer.status());
  }

  private Stages.Stage stage(Call call) {
    return stages.forApi(call.event().domainName(), call.event().stage());
  }

  /** The user the $connect authorizer verified, carried by API Gateway in every event of the connection. */
  private Optional<UserId> verifiedUser(Call call) {
    Optional<String> raw = call.event().authorizedUserId();
    try {
      return raw.map(UserId::new);
    } catch (InvalidInputException e) {
      log.log(call.logger(), Level.WARN, "bad_verified_user_id",
          Map.of("connectionId", call.event().connectionId(), "requestId", String.valueOf(call.event().requestId())));
      return Optional.empty();
    }
  }
}
