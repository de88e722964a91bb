package io.wschat.adapter.lambda;

import io.wschat.domain.model.HistoryCursor;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.UserId;
import java.util.Objects;
import java.util.Optional;

/** What one client message asks for, as {@link WireProtocol#read} understood it: a valid request, or why not. */
public sealed interface Request {
  /** The action, when the request names a known one. */
  Optional<Action> action();

  record Register(UserId userId) implements Request {
    public Optional<Action> action() {
      return Optional.of(Action.REGISTER_USER);
    }
  }

  /**
   * {@code targetAsSent} is the target as the client spelled it ({@code Bob}, where the user is {@code bob}): the
   * acknowledgement echoes it, so that a client can match it to what it sent.
   */
  record SendMessage(UserId targetUserId, MessageText message, String targetAsSent) implements Request {
    public SendMessage {
      Objects.requireNonNull(targetAsSent, "targetAsSent");
    }

    public SendMessage(UserId targetUserId, MessageText message) {
      this(targetUserId, message, targetUserId.value());
    }

    public Optional<Action> action() {
      return Optional.of(Action.SEND_PRIVATE_MESSAGE);
    }
  }

  /** A page of the conversation with {@code with}, older than {@code before} when given. */
  record GetHistory(UserId with, Optional<HistoryCursor> before, int limit) implements Request {
    public Optional<Action> action() {
      return Optional.of(Action.GET_HISTORY);
    }
  }

  record GetConversations() implements Request {
    public Optional<Action> action() {
      return Optional.of(Action.GET_CONVERSATIONS);
    }
  }

  record Sync() implements Request {
    public Optional<Action> action() {
      return Optional.of(Action.SYNC);
    }
  }

  record MarkRead(UserId with, MessageId upTo) implements Request {
    public Optional<Action> action() {
      return Optional.of(Action.MARK_READ);
    }
  }

  /** {@code targetAsSent} as in {@link SendMessage}. */
  record Typing(UserId targetUserId, String targetAsSent) implements Request {
    public Typing {
      Objects.requireNonNull(targetAsSent, "targetAsSent");
    }

    public Typing(UserId targetUserId) {
      this(targetUserId, targetUserId.value());
    }

    public Optional<Action> action() {
      return Optional.of(Action.TYPING);
    }
  }

  /** The body names no action, or one that does not exist: {@code named} is what it said, if anything. */
  record UnknownAction(Optional<String> named) implements Request {
    public UnknownAction {
      Objects.requireNonNull(named, "named");
    }

    public Optional<Action> action() {
      return Optional.empty();
    }
  }

  /** Not a request the protocol accepts; {@code reason} says why, for the client. */
  record Invalid(Optional<Action> action, ErrorCode code, String reason) implements Request {
    public Invalid {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
