package io.wschat.domain.usecase;

import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.HistoryCursor;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.MessageLog.Cursors;
import io.wschat.domain.port.MessageLog.Page;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A page of the conversation between the caller and another user, newest first. A caller reads only conversations
 * they take part in, as the user their connection is: the conversation is always the caller's own, and a cursor
 * naming any other is refused.
 */
public final class GetHistory {
  public static final int DEFAULT_LIMIT = 50;

  public record Command(ConnectionId connection, Optional<UserId> verifiedUser, UserId with,
      Optional<HistoryCursor> before, int limit) {
    public Command {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(verifiedUser, "verifiedUser");
      Objects.requireNonNull(with, "with");
      Objects.requireNonNull(before, "before");
      MessageLog.requireLimit(limit);
    }
  }

  public sealed interface Result {
    /**
     * Up to the limit of messages, newest first; {@code next} continues with older ones, if there are any.
     * {@code theirs} are the other user's cursors, so the caller can show what they have received and read.
     */
    record History(UserId with, List<LoggedMessage> messages, Optional<HistoryCursor> next, Cursors theirs)
        implements Result {
      public History {
        messages = List.copyOf(messages);
      }
    }

    record Rejected(Rejection reason) implements Result {}
  }

  private final ConnectionRegistry registry;
  private final MessageLog log;

  public GetHistory(ConnectionRegistry registry, MessageLog log) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.log = Objects.requireNonNull(log, "log");
  }

  public Result handle(Command command) {
    Optional<UserId> caller = Caller.of(registry, command.connection(), command.verifiedUser());
    if (caller.isEmpty()) {
      return new Result.Rejected(Rejection.NOT_REGISTERED);
    }
    Conversation conversation = Conversation.between(caller.get(), command.with());
    if (command.before().isPresent()) {
      Conversation named = command.before().get().conversation();
      if (!named.includes(caller.get())) {
        return new Result.Rejected(Rejection.NOT_A_PARTICIPANT);
      }
      if (!named.equals(conversation)) {
        return new Result.Rejected(Rejection.CURSOR_OF_ANOTHER_CONVERSATION);
      }
    }
    OptionalLong before = command.before().map(c -> OptionalLong.of(c.before())).orElse(OptionalLong.empty());
    Page page = log.history(conversation, before, command.limit());
    Optional<HistoryCursor> next = page.more()
        ? Optional.of(new HistoryCursor(conversation, page.messages().get(page.messages().size() - 1).position()))
        : Optional.empty();
    return new Result.History(command.with(), page.messages(), next, log.cursors(command.with(), conversation));
  }
}
