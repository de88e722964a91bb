package io.wschat.domain.usecase;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.MessageLog.ConversationSummary;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The caller's recent conversations, most recent first, with unread counts: what a client rebuilds its contacts from. */
public final class ListConversations {
  public static final int LIMIT = 50;

  public record Command(ConnectionId connection, Optional<UserId> verifiedUser) {
    public Command {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(verifiedUser, "verifiedUser");
    }
  }

  public sealed interface Result {
    record Conversations(List<ConversationSummary> conversations) implements Result {
      public Conversations {
        conversations = List.copyOf(conversations);
      }
    }

    record Rejected(Rejection reason) implements Result {}
  }

  private final ConnectionRegistry registry;
  private final MessageLog log;

  public ListConversations(ConnectionRegistry registry, MessageLog log) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.log = Objects.requireNonNull(log, "log");
  }

  public Result handle(Command command) {
    return Caller.of(registry, command.connection(), command.verifiedUser())
        .<Result>map(user -> new Result.Conversations(log.conversations(user, LIMIT)))
        .orElseGet(() -> new Result.Rejected(Rejection.NOT_REGISTERED));
  }
}
