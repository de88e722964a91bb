package io.wschat.metrics;

import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A {@link MessageLog} whose every call goes through {@link StoreCalls}, with the operation's name. */
public final class ObservedMessageLog implements MessageLog {
  private final MessageLog messages;
  private final StoreCalls calls;

  public ObservedMessageLog(MessageLog messages, StoreCalls calls) {
    this.messages = messages;
    this.calls = calls;
  }

  /** {@link MessageLog#NONE} stays itself: it touches no store, and SendPrivateMessage tells it apart. */
  public static MessageLog of(MessageLog messages, StoreCalls calls) {
    return messages == MessageLog.NONE ? messages : new ObservedMessageLog(messages, calls);
  }

  @Override
  public Appended append(NewMessage message) {
    return calls.call("log.append", () -> messages.append(message));
  }

  @Override
  public Page history(Conversation conversation, OptionalLong before, int limit) {
    return calls.call("log.history", () -> messages.history(conversation, before, limit));
  }

  @Override
  public Page pending(UserId user, int limit) {
    return calls.call("log.pending", () -> messages.pending(user, limit));
  }

  @Override
  public Optional<LoggedMessage> find(Conversation conversation, MessageId id) {
    return calls.call("log.find", () -> messages.find(conversation, id));
  }

  @Override
  public Cursors cursors(UserId user, Conversation conversation) {
    return calls.call("log.cursors", () -> messages.cursors(user, conversation));
  }

  @Override
  public boolean advance(UserId user, Conversation conversation, Cursor cursor, long position) {
    return calls.call("log.advance", () -> messages.advance(user, conversation, cursor, position));
  }

  @Override
  public boolean deliveredLive(LoggedMessage message) {
    return calls.call("log.deliveredLive", () -> messages.deliveredLive(message));
  }

  @Override
  public List<ConversationSummary> conversations(UserId user, int limit) {
    return calls.call("log.conversations", () -> messages.conversations(user, limit));
  }
}
