package io.wschat.domain.port;

import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.UserId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link MessageLog#NONE}: keeps nothing, finds nothing. */
final class DisabledMessageLog implements MessageLog {
  @Override
  public Appended append(NewMessage message) {
    return new Appended.NotKept();
  }

  @Override
  public Page history(Conversation conversation, OptionalLong before, int limit) {
    MessageLog.requireLimit(limit);
    return Page.EMPTY;
  }

  @Override
  public Page pending(UserId user, int limit) {
    MessageLog.requireLimit(limit);
    return Page.EMPTY;
  }

  @Override
  public Optional<LoggedMessage> find(Conversation conversation, MessageId id) {
    return Optional.empty();
  }

  @Override
  public Cursors cursors(UserId user, Conversation conversation) {
    return Cursors.NONE;
  }

  @Override
  public boolean advance(UserId user, Conversation conversation, Cursor cursor, long position) {
    return false;
  }

  @Override
  public boolean deliveredLive(LoggedMessage message) {
    return false;
  }

  @Override
  public List<ConversationSummary> conversations(UserId user, int limit) {
    return List.of();
  }

  @Override
  public String toString() {
    return "MessageLog.NONE";
  }
}
