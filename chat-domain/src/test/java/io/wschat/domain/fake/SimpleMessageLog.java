package io.wschat.domain.fake;

import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The plainest MessageLog that passes the contract: one list scanned on every call. For tests of the use cases and
 * the edge, which must not depend on an adapter; {@code SimpleMessageLogTest} holds it to the contract.
 */
public final class SimpleMessageLog implements MessageLog {
  private final Clock clock;
  private final Duration retention;
  private final List<LoggedMessage> messages = new ArrayList<>();
  private final Map<List<Object>, Long> cursors = new HashMap<>();

  public SimpleMessageLog(Clock clock, Duration retention) {
    this.clock = clock;
    this.retention = retention;
  }

  public SimpleMessageLog() {
    this(Clock.systemUTC(), Duration.ofDays(30));
  }

  @Override
  public synchronized Appended append(NewMessage m) {
    Optional<LoggedMessage> known = find(m.conversation(), m.id());
    if (known.isPresent()) {
      return new Appended.Stored(known.get(), true);
    }
    long position = messages.stream().filter(x -> x.conversation().equals(m.conversation()))
        .mapToLong(LoggedMessage::position).max().orElse(0) + 1;
    LoggedMessage logged = new LoggedMessage(m.id(), m.from(), m.to(), m.text(), m.sentAt(), position);
    messages.add(logged);
    return new Appended.Stored(logged, false);
  }

  @Override
  public synchronized Page history(Conversation conversation, OptionalLong before, int limit) {
    MessageLog.requireLimit(limit);
    List<LoggedMessage> older = of(conversation)
        .filter(m -> m.position() < before.orElse(Long.MAX_VALUE))
        .sorted(Comparator.comparingLong(LoggedMessage::position).reversed())
        .toList();
    return new Page(older.subList(0, Math.min(limit, older.size())), older.size() > limit);
  }

  @Override
  public synchronized Page pending(UserId user, int limit) {
    MessageLog.requireLimit(limit);
    Map<Conversation, List<LoggedMessage>> byConversation = live()
        .filter(m -> m.to().equals(user) && m.position() > cursor(user, m.conversation(), Cursor.DELIVERED))
        .collect(Collectors.groupingBy(LoggedMessage::conversation));
    return Page.oldestFirst(byConversation.values(), limit);
  }

  @Override
  public synchronized Optional<LoggedMessage> find(Conversation conversation, MessageId id) {
    return of(conversation).filter(m -> m.id().equals(id)).findFirst();
  }

  @Override
  public synchronized Cursors cursors(UserId user, Conversation conversation) {
    return new Cursors(cursor(user, conversation, Cursor.DELIVERED), cursor(user, conversation, Cursor.READ));
  }

  @Override
  public synchronized boolean advance(UserId user, Conversation conversation, Cursor cursor, long position) {
    if (position <= cursor(user, conversation, cursor)) {
      return false;
    }
    cursors.put(List.of(user, conversation, cursor), position);
    return true;
  }

  @Override
  public synchronized boolean deliveredLive(LoggedMessage message) {
    UserId user = message.to();
    long delivered = cursor(user, message.conversation(), Cursor.DELIVERED);
    return of(message.conversation()).noneMatch(m -> m.to().equals(user) && m.position() > delivered
        && m.position() < message.position())
        && advance(user, message.conversation(), Cursor.DELIVERED, message.position());
  }

  @Override
  public synchronized List<ConversationSummary> conversations(UserId user, int limit) {
    return live().map(LoggedMessage::conversation).filter(c -> c.includes(user)).distinct()
        .map(c -> summary(user, c))
        .sorted(Comparator.comparing((ConversationSummary s) -> s.last().sentAt()).reversed())
        .limit(limit)
        .toList();
  }

  private ConversationSummary summary(UserId user, Conversation c) {
    List<LoggedMessage> all = of(c).sorted(Comparator.comparingLong(LoggedMessage::position)).toList();
    long read = cursor(user, c, Cursor.READ);
    long unread = all.stream().filter(m -> m.to().equals(user) && m.position() > read).count();
    return new ConversationSummary(c.other(user), all.get(all.size() - 1), cursors(user, c),
        (int) Math.min(UNREAD_CAP, unread));
  }

  private long cursor(UserId user, Conversation conversation, Cursor cursor) {
    return cursors.getOrDefault(List.of(user, conversation, cursor), 0L);
  }

  private Stream<LoggedMessage> of(Conversation conversation) {
    return live().filter(m -> m.conversation().equals(conversation));
  }

  private Stream<LoggedMessage> live() {
    return messages.stream().filter(m -> m.sentAt().plus(retention).isAfter(clock.instant()));
  }
}
