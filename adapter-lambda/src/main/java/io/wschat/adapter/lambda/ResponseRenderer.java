package io.wschat.adapter.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.wschat.adapter.lambda.EventLog.Level;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.port.MessageLog.ConversationSummary;
import io.wschat.domain.usecase.Connect;
import io.wschat.domain.usecase.GetHistory;
import io.wschat.domain.usecase.ListConversations;
import io.wschat.domain.usecase.MarkRead;
import io.wschat.domain.usecase.RelayTyping;
import io.wschat.domain.usecase.Sync;
import io.wschat.domain.usecase.Disconnect;
import io.wschat.domain.usecase.RegisterUser;
import io.wschat.domain.usecase.Rejection;
import io.wschat.domain.usecase.SendPrivateMessage;
import io.wschat.metrics.Metric;
import io.wschat.metrics.Metrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns every outcome of an event into what the caller hears and exactly one log line. It is the only place that
 * writes acknowledgements and error frames, so the route response, the posted frame and the log cannot disagree.
 * The status is for logs and metrics: 200 handled (rejections such as USER_NOT_CONNECTED included), 400 bad input,
 * 403 a refused connection, 500 a failure. The log line carries the action, the outcome, the error code, the
 * latency, the connection id, the request id and the X-Ray trace id; never a message body or a token. The
 * metrics of an outcome are recorded here too, from the same results and codes ({@link Metric}), so the log line
 * and the metrics cannot disagree either.
 */
public final class ResponseRenderer {

  /**
   * One event being handled: what came in, when, where its log line goes, and the X-Ray trace id of the invocation
   * (null without one).
   */
  public record Call(WebSocketEvent event, long startNanos, LambdaLogger logger, String xrayTraceId) {
    public Call {
      Objects.requireNonNull(event, "event");
    }
  }

  /** What the caller hears: a status and, for a message route, one frame. */
  public record Answer(int status, byte[] frame) {}

  private static final String INTERNAL = "the server could not handle this request; try again";
  /** The field of a RATE_LIMITED error frame (and its log line) that says how long to wait. */
  static final String RETRY_AFTER_MS = "retryAfterMs";

  private final WireProtocol protocol;
  private final EventLog log;
  private final Metrics metrics;

  public ResponseRenderer(WireProtocol protocol, EventLog log, Metrics metrics) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.log = Objects.requireNonNull(log, "log");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  public Answer connected(Call call, Connect.Result result) {
    boolean accepted = result instanceof Connect.Result.Accepted;
    Map<String, Object> fields = fields(call, Optional.empty(), accepted ? "accepted" : "forbidden",
        accepted ? 200 : 403);
    if (result instanceof Connect.Result.Accepted a) {
      fields.put("registeredAs", a.registeredAs().map(Object::toString).orElse(null));
    } else {
      metrics.count(Metric.REQUESTS_REJECTED, ErrorCode.FORBIDDEN.name());
    }
    log.log(call.logger(), Level.INFO, "connect", fields);
    return new Answer(accepted ? 200 : 403, null);
  }

  public Answer disconnected(Call call, Disconnect.Result result) {
    String outcome = result instanceof Disconnect.Result.Disconnected ? "unregistered" : "was_not_registered";
    log.log(call.logger(), Level.INFO, "disconnect", fields(call, Optional.empty(), outcome, 200));
    return new Answer(200, null);
  }

  public Answer registered(Call call, Request.Register request, RegisterUser.Result result) {
    if (result instanceof RegisterUser.Result.Rejected r) {
      return rejected(call, Action.REGISTER_USER, r.reason(), request.userId().value());
    }
    log.log(call.logger(), Level.INFO, "request", fields(call, request.action(), "registered", 200));
    return new Answer(200, protocol.frame("registrationSuccess", json -> {
      json.writeStringField("userId", ((RegisterUser.Result.Registered) result).user().value());
      // so that a client can refuse a message that is too large before sending it (docs/protocol.md)
      json.writeNumberField("maxMessageBytes", protocol.limit().maxBytes());
    }));
  }

  public Answer sent(Call call, Request.SendMessage request, SendPrivateMessage.Result result) {
    if (result instanceof SendPrivateMessage.Result.Rejected r) {
      return rejected(call, Action.SEND_PRIVATE_MESSAGE, r.reason(), request.targetUserId().value());
    }
    if (result instanceof SendPrivateMessage.Result.RateLimited limited) {
      return rateLimited(call, Action.SEND_PRIVATE_MESSAGE, limited.retryAfter());
    }
    SendPrivateMessage.Result.Sent sent = (SendPrivateMessage.Result.Sent) result;
    Map<String, Object> fields = fields(call, request.action(), "sent", 200);
    fields.put("messageId", sent.id().value());
    fields.put("deliveredTo", sent.deliveredTo());
    fields.put("stored", sent.stored());
    log.log(call.logger(), Level.INFO, "request", fields);
    metrics.count(Metric.MESSAGES_SENT);
    metrics.record(Metric.MESSAGES_DELIVERED, sent.deliveredTo());
    metrics.record(Metric.MESSAGES_STORED, sent.stored() ? 1 : 0);
    return new Answer(200, protocol.frame("messageSent", json -> {
      json.writeStringField("messageId", sent.id().value());
      json.writeStringField("targetUserId", request.targetAsSent());
      json.writeNumberField("deliveredTo", sent.deliveredTo());
      json.writeBooleanField("stored", sent.stored());
      if (sent.position().isPresent()) {
        json.writeNumberField("position", sent.position().getAsLong());
      }
    }));
  }

  public Answer history(Call call, Request.GetHistory request, GetHistory.Result result) {
    if (result instanceof GetHistory.Result.Rejected r) {
      return rejected(call, Action.GET_HISTORY, r.reason(), request.with().value());
    }
    GetHistory.Result.History history = (GetHistory.Result.History) result;
    Map<String, Object> fields = fields(call, request.action(), "history", 200);
    fields.put("messages", history.messages().size());
    log.log(call.logger(), Level.INFO, "request", fields);
    return new Answer(200, protocol.frame("history", json -> {
      json.writeStringField("withUserId", history.with().value());
      json.writeArrayFieldStart("messages");
      for (LoggedMessage m : history.messages()) {
        WireProtocol.writeMessage(json, m);
      }
      json.writeEndArray();
      json.writeStringField("nextCursor", history.next().map(HistoryCursors::encode).orElse(null));
      json.writeNumberField("theirDeliveredUpTo", history.theirs().deliveredUpTo());
      json.writeNumberField("theirReadUpTo", history.theirs().readUpTo());
    }));
  }

  public Answer conversations(Call call, Request.GetConversations request, ListConversations.Result result) {
    if (result instanceof ListConversations.Result.Rejected r) {
      return rejected(call, Action.GET_CONVERSATIONS, r.reason(), "");
    }
    List<ConversationSummary> list = ((ListConversations.Result.Conversations) result).conversations();
    Map<String, Object> fields = fields(call, request.action(), "conversations", 200);
    fields.put("conversations", list.size());
    log.log(call.logger(), Level.INFO, "request", fields);
    return new Answer(200, protocol.frame("conversations", json -> {
      json.writeArrayFieldStart("conversations");
      for (ConversationSummary c : list) {
        json.writeStartObject();
        json.writeStringField("withUserId", c.with().value());
        json.writeFieldName("lastMessage");
        WireProtocol.writeMessage(json, c.last());
        json.writeNumberField("unread", c.unread());
        json.writeNumberField("deliveredUpTo", c.cursors().deliveredUpTo());
        json.writeNumberField("readUpTo", c.cursors().readUpTo());
        json.writeEndObject();
      }
      json.writeEndArray();
    }));
  }

  public Answer synced(Call call, Request.Sync request, Sync.Result result) {
    if (result instanceof Sync.Result.Rejected r) {
      return rejected(call, Action.SYNC, r.reason(), "");
    }
    int delivered;
    boolean more;
    String outcome;
    if (result instanceof Sync.Result.Synced s) {
      delivered = s.delivered();
      more = s.more();
      outcome = "synced";
    } else {
      delivered = ((Sync.Result.CallerGone) result).delivered();
      more = true;
      outcome = "caller_gone";
    }
    Map<String, Object> fields = fields(call, request.action(), outcome, 200);
    fields.put("delivered", delivered);
    fields.put("more", more);
    log.log(call.logger(), Level.INFO, "request", fields);
    metrics.record(Metric.MESSAGES_SYNCED, delivered);
    return new Answer(200, protocol.frame("syncComplete", json -> {
      json.writeNumberField("delivered", delivered);
      json.writeBooleanField("more", more);
    }));
  }

  public Answer markedRead(Call call, Request.MarkRead request, MarkRead.Result result) {
    if (result instanceof MarkRead.Result.Rejected r) {
      return rejected(call, Action.MARK_READ, r.reason(), request.upTo().value());
    }
    MarkRead.Result.Marked marked = (MarkRead.Result.Marked) result;
    Map<String, Object> fields = fields(call, request.action(), marked.moved() ? "marked" : "already_read", 200);
    log.log(call.logger(), Level.INFO, "request", fields);
    return new Answer(200, protocol.frame("readMarked", json -> {
      json.writeStringField("withUserId", marked.with().value());
      json.writeStringField("upToMessageId", marked.upTo().value());
      json.writeNumberField("position", marked.position());
      json.writeBooleanField("moved", marked.moved());
    }));
  }

  public Answer typed(Call call, Request.Typing request, RelayTyping.Result result) {
    if (result instanceof RelayTyping.Result.Rejected r) {
      return rejected(call, Action.TYPING, r.reason(), request.targetUserId().value());
    }
    RelayTyping.Result.Relayed relayed = (RelayTyping.Result.Relayed) result;
    Map<String, Object> fields = fields(call, request.action(), "relayed", 200);
    fields.put("deliveredTo", relayed.deliveredTo());
    log.log(call.logger(), Level.DEBUG, "request", fields);
    return new Answer(200, protocol.frame("typingSent", json -> {
      json.writeStringField("targetUserId", request.targetAsSent());
      json.writeNumberField("deliveredTo", relayed.deliveredTo());
    }));
  }

  public Answer invalid(Call call, Request.Invalid request) {
    return error(call, Level.INFO, request.action().map(Action::wireName), request.code(), request.reason(), 400,
        Map.of());
  }

  public Answer unknownAction(Call call, Request.UnknownAction request) {
    String text = request.named().map(name -> "unknown action '" + name + "'").orElse("the request names no action")
        + "; known actions: " + String.join(", ", Action.wireNames());
    return error(call, Level.INFO, request.named(), ErrorCode.UNKNOWN_ACTION, text, 400, Map.of());
  }

  /** An infrastructure failure: logged with its class and message, answered with a generic frame. */
  public Answer failed(Call call, Optional<Action> action, RuntimeException e) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("error", e.getClass().getName());
    extra.put("detail", e.getMessage());
    metrics.count(Metric.INTERNAL_ERRORS);
    return error(call, Level.ERROR, action.map(Action::wireName), ErrorCode.INTERNAL_ERROR, INTERNAL, 500, extra);
  }

  /** An event without a connection id or route key: nothing to answer, one warning. */
  public Answer notAWebSocketEvent(Call call) {
    log.log(call.logger(), Level.WARN, "not_a_websocket_event", fields(call, Optional.empty(), "invalid", 400));
    return new Answer(400, null);
  }

  /** {@code requested} is what the request named that the rejection is about: a user id or a message id. */
  private Answer rejected(Call call, Action action, Rejection reason, String requested) {
    ErrorCode code = switch (reason) {
      case NOT_REGISTERED -> ErrorCode.NOT_REGISTERED;
      case USER_NOT_CONNECTED -> ErrorCode.USER_NOT_CONNECTED;
      case NOT_SIGNED_IN, SIGNED_IN_AS_ANOTHER_USER, NOT_A_PARTICIPANT -> ErrorCode.FORBIDDEN;
      case CURSOR_OF_ANOTHER_CONVERSATION, UNKNOWN_MESSAGE -> ErrorCode.INVALID_REQUEST;
    };
    String text = switch (reason) {
      case NOT_REGISTERED -> "register with registerUser before " + action.wireName();
      case USER_NOT_CONNECTED -> "user " + requested + " is not connected";
      case NOT_SIGNED_IN -> "sign in first: connect offering the subprotocols wschat and wschat.token.<your token>";
      case SIGNED_IN_AS_ANOTHER_USER -> "this connection is signed in as "
          + call.event().authorizedUserId().orElse("another user") + " and cannot register as " + requested;
      case NOT_A_PARTICIPANT -> "this cursor belongs to a conversation you are not part of";
      case CURSOR_OF_ANOTHER_CONVERSATION -> "this cursor belongs to another of your conversations, not the one with "
          + requested;
      case UNKNOWN_MESSAGE -> "no message " + requested + " to you in this conversation (unknown, or expired)";
    };
    return error(call, Level.INFO, Optional.of(action.wireName()), code, text, 200, Map.of());
  }

  /**
   * Over the send rate: a rejection like the others, whose frame also says how long to wait, in whole milliseconds
   * rounded up, so that a client that waits exactly that long is not refused again.
   */
  private Answer rateLimited(Call call, Action action, Duration retryAfter) {
    long millis = Math.max(1, (retryAfter.toNanos() + 999_999) / 1_000_000);
    return error(call, Level.INFO, Optional.of(action.wireName()), ErrorCode.RATE_LIMITED,
        "you are sending too fast; try again in " + millis + " ms", 200, Map.of(), OptionalLong.of(millis));
  }

  /** The only writer of error frames. {@code action} is the request's action as the client named it, if any. */
  private Answer error(Call call, Level level, Optional<String> action, ErrorCode code, String text, int status,
      Map<String, Object> extra) {
    return error(call, level, action, code, text, status, extra, OptionalLong.empty());
  }

  /** As above; a frame with {@code retryAfterMs} carries it, after the fields every error frame has. */
  private Answer error(Call call, Level level, Optional<String> action, ErrorCode code, String text, int status,
      Map<String, Object> extra, OptionalLong retryAfterMs) {
    Map<String, Object> fields = fields(call, Optional.empty(), status == 200 ? "rejected" : "error", status);
    // The frame names whatever the client sent; the log only an action that exists, as the rest is the client's text.
    Optional<Action> known = action.flatMap(Action::named);
    fields.put("action", known.map(Action::wireName).orElse(null));
    fields.put("code", code.name());
    fields.putAll(extra);
    retryAfterMs.ifPresent(millis -> fields.put(RETRY_AFTER_MS, millis));
    log.log(call.logger(), level, "request", fields);
    if (code != ErrorCode.INTERNAL_ERROR) {
      metrics.count(Metric.REQUESTS_REJECTED, code.name());
      if (known.filter(Action.SEND_PRIVATE_MESSAGE::equals).isPresent()) {
        metrics.count(Metric.MESSAGES_REJECTED, code.name());
      }
    }
    return new Answer(status, protocol.frame("error", json -> {
      json.writeStringField("code", code.name());
      json.writeStringField("message", text);
      json.writeStringField("action", action.orElse(null));
      if (retryAfterMs.isPresent()) {
        json.writeNumberField(RETRY_AFTER_MS, retryAfterMs.getAsLong());
      }
    }));
  }

  private static Map<String, Object> fields(Call call, Optional<Action> action, String outcome, int status) {
    WebSocketEvent event = call.event();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("routeKey", event.routeKey());
    fields.put("action", action.map(Action::wireName).orElse(null));
    fields.put("outcome", outcome);
    fields.put("status", status);
    fields.put("latencyMs", (System.nanoTime() - call.startNanos()) / 1_000_000);
    fields.put("connectionId", event.connectionId());
    fields.put("requestId", event.requestId());
    fields.put("xrayTraceId", call.xrayTraceId());
    return fields;
  }
}
