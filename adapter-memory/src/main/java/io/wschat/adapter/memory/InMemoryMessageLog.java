package io.wschat.adapter.memory;

import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A MessageLog in this JVM's memory, for local runs and tests. One lock guards everything, so an append is visible
 * whole or not at all and in position order. Expired messages are hidden on read and dropped on the next append to
 * their conversation, so memory stays bounded by what the retention keeps.
 */
public final class InMemoryMessageLog implements MessageLog {
  private final Clock clock;
  private final Duration retention;
  private final Map<Conversation, Thread> threads = new HashMap<>();
  private final Map<UserId, Map<Conversation, Cursors>> cursors = new HashMap<>();
  private final Map<UserId, Set<Conversation>> conversationsOf = new HashMap<>();

  public InMemoryMessageLog(Clock clock, Duration retention) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
  }

  /** One conversation: its messages in position order, and the last position given. */
  private static final class Thread {
    final List<LoggedMessage> messages = new ArrayList<>();
    final Map<MessageId, LoggedMessage> byId = new HashMap<>();
    long last;
  }

  @Override
  public synchronized Appended append(NewMessage message) {
    Conversation conversation = message.conversation();
    Thread thread = threads.computeIfAbsent(conversation, c -> new Thread());
    Instant now = clock.instant();
    thread.messages.removeIf(m -> expired(m, now));
    thread.byId.values().removeIf(m -> expired(m, now));
    LoggedMessage known = thread.byId.get(message.id());
    if (known != null) {
      return new Appended.Stored(known, true);
    }
    LoggedMessage logged = new LoggedMessage(message.id(), message.from(), message.to(), message.text(),
        message.sentAt(), ++thread.last);
    thread.messages.add(logged);
    thread.byId.put(logged.id(), logged);
    conversationsOf.computeIfAbsent(message.from(), u -> new LinkedHashSet<>()).add(conversation);
    conversationsOf.computeIfAbsent(message.to(), u -> new LinkedHashSet<>()).add(conversation);
    return new Appended.Stored(logged, false);
  }

  @Override
  public synchronized Page history(Conversation conversation, OptionalLong before, int limit) {
    MessageLog.requireLimit(limit);
    long bound = before.orElse(Long.MAX_VALUE);
    List<LoggedMessage> newestFirst = visible(conversation).stream()
        .filter(m -> m.position() < bound)
        .sorted(Comparator.comparingLong(LoggedMessage::position).reversed())
        .limit(limit + 1L)
        .toList();
    boolean more = newestFirst.size() > limit;
    return new Page(more ? newestFirst.subList(0, limit) : newestFirst, more);
  }

  @Override
  public synchronized Page pending(UserId user, int limit) {
    MessageLog.requireLimit(limit);
    List<List<LoggedMessage>> perConversation = new ArrayList<>();
    for (Conversation conversation : conversationsOf.getOrDefault(user, Set.of())) {
      long delivered = cursors(user, conversation).deliveredUpTo();
      perConversation.add(visible(conversation).stream()
          .filter(m -> m.to().equals(user) && m.position() > delivered)
          .limit(limit + 1L)
          .toList());
    }
    return Page.oldestFirst(perConversation, limit);
  }

  @Override
  public synchronized Optional<LoggedMessage> find(Conversation conversation, MessageId id) {
    Thread thread = threads.get(conversation);
    return thread == null
        ? Optional.empty()
        : Optional.ofNullable(thread.byId.get(id)).filter(m -> !expired(m, clock.instant()));
  }

  @Override
  public synchronized Cursors cursors(UserId user, Conversation conversation) {
    return cursors.getOrDefault(user, Map.of()).getOrDefault(conversation, Cursors.NONE);
  }

  @Override
  public synchronized boolean advance(UserId user, Conversation conversation, Cursor cursor, long position) {
    Cursors now = cursors(user, conversation);
    if (position <= now.of(cursor)) {
      return false;
    }
    Cursors moved = cursor == Cursor.DELIVERED
        ? new Cursors(position, now.readUpTo())
        : new Cursors(now.deliveredUpTo(), position);
    cursors.computeIfAbsent(user, u -> new HashMap<>()).put(conversation, moved);
    return true;
  }

  @Override
  public synchronized boolean deliveredLive(LoggedMessage message) {
    Conversation conversation = message.conversation();
    UserId user = message.to();
    long delivered = cursors(user, conversation).deliveredUpTo();
    boolean earlierPending = visible(conversation).stream()
        .anyMatch(m -> m.to().equals(user) && m.position() > delivered && m.position() < message.position());
    return !earlierPending && advance(user, conversation, Cursor.DELIVERED, message.position());
  }

  @Override
  public synchronized List<ConversationSummary> conversations(UserId user, int limit) {
    List<ConversationSummary> summaries = new ArrayList<>();
    for (Conversation conversation : conversationsOf.getOrDefault(user, Set.of())) {
      List<LoggedMessage> messages = visible(conversation);
      if (messages.isEmpty()) {
        continue;
      }
      Cursors mine = cursors(user, conversation);
      int unread = (int) Math.min(UNREAD_CAP, messages.stream()
          .filter(m -> m.to().equals(user) && m.position() > mine.readUpTo())
          .count());
      summaries.add(new ConversationSummary(conversation.other(user), messages.get(messages.size() - 1), mine,
          unread));
    }
    return summaries.stream()
        .sorted(Comparator.comparing((ConversationSummary s) -> s.last().sentAt()).reversed())
        .limit(limit)
        .toList();
  }

  private List<LoggedMessage> visible(Conversation conversation) {
    Thread thread = threads.get(conversation);
    if (thread == null) {
      return List.of();
    }
    Instant now = clock.instant();
    return thread.messages.stream().filter(m -> !expired(m, now)).toList();
  }

  private boolean expired(LoggedMessage message, Instant now) {
    return !message.sentAt().plus(retention).isAfter(now);
  }
}
