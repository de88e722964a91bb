package io.wschat.domain.port;

import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.UserId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The private conversations, kept for a retention period: each conversation's messages in one total order, and per
 * user and conversation two cursors, "delivered up to" and "read up to". Expired messages are never returned, even
 * if the store has not deleted them yet. An exception means the store failed; expected outcomes are values.
 *
 * <p>Visibility: a message becomes visible only once every message before it in its conversation is, so a reader
 * that moves a cursor up to the last message it saw never skips one that appears later.
 */
public interface MessageLog {

  /** The most messages one page may hold. */
  int MAX_PAGE = 100;
  /** {@link ConversationSummary#unread()} counts up to this many; this number means "this many or more". */
  int UNREAD_CAP = 99;

  /** A log that keeps nothing: the chat with history turned off. */
  MessageLog NONE = new DisabledMessageLog();

  /**
   * Appends a message at the end of its conversation. Idempotent by id within the conversation: appending an id
   * that is already there stores nothing and answers the stored message, marked as a duplicate.
   */
  Appended append(NewMessage message);

  /** Up to {@code limit} messages of {@code conversation} before position {@code before} (or the newest), newest first. */
  Page history(Conversation conversation, OptionalLong before, int limit);

  /**
   * Up to {@code limit} messages addressed to {@code user} that are past their conversation's delivered cursor,
   * oldest first: by position within a conversation, by {@code sentAt} across conversations.
   */
  Page pending(UserId user, int limit);

  /** The message {@code id} of {@code conversation}, unless it is unknown or expired. */
  Optional<LoggedMessage> find(Conversation conversation, MessageId id);

  /** {@code user}'s cursors in {@code conversation}: zero for a cursor never moved. */
  Cursors cursors(UserId user, Conversation conversation);

  /**
   * Moves {@code user}'s cursor in {@code conversation} up to {@code position}. Cursors only move forward: a
   * position at or below the current one changes nothing, and the answer is false.
   */
  boolean advance(UserId user, Conversation conversation, Cursor cursor, long position);

  /**
   * {@code message} reached a live connection of its recipient as it was sent: moves the recipient's delivered
   * cursor up to it, but only if no earlier message to them in the conversation is still past the cursor, so that
   * sync never skips one. A store may be conservative: when a later message to them was appended since, or an
   * earlier one expired unsynced, it may change nothing and answer false (sync then delivers the message again).
   * A cursor already at or past it stays. Answers whether it moved.
   */
  boolean deliveredLive(LoggedMessage message);

  /** {@code user}'s conversations that still hold an unexpired message, the most recent first. */
  List<ConversationSummary> conversations(UserId user, int limit);

  /** A message to append; its position is the log's to give. */
  record NewMessage(MessageId id, UserId from, UserId to, MessageText text, Instant sentAt) {
    public NewMessage {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(sentAt, "sentAt");
    }

    public Conversation conversation() {
      return Conversation.between(from, to);
    }
  }

  /** What became of an append. */
  sealed interface Appended {
    /** Kept; {@code duplicate} when its id was there already, and {@code message} is the one stored first. */
    record Stored(LoggedMessage message, boolean duplicate) implements Appended {
      public Stored {
        Objects.requireNonNull(message, "message");
      }
    }

    /** Not kept: this log keeps nothing. */
    record NotKept() implements Appended {}
  }

  /** A page of messages, and whether more lie beyond it in the same direction. */
  record Page(List<LoggedMessage> messages, boolean more) {
    public static final Page EMPTY = new Page(List.of(), false);

    public Page {
      messages = List.copyOf(messages);
    }

    /**
     * Merges conversations' pending messages into one page, oldest first: each conversation's list, in position
     * order, keeps its order; across them the earlier {@code sentAt} goes first. Give each list up to
     * {@code limit + 1} messages, and {@code more} comes out right.
     */
    public static Page oldestFirst(Collection<List<LoggedMessage>> perConversation, int limit) {
      PriorityQueue<Deque<LoggedMessage>> heads = new PriorityQueue<>(Comparator
          .comparing((Deque<LoggedMessage> d) -> d.peekFirst().sentAt())
          .thenComparing(d -> d.peekFirst().conversation().key()));
      perConversation.stream().filter(l -> !l.isEmpty()).map(ArrayDeque::new).forEach(heads::add);
      List<LoggedMessage> page = new ArrayList<>();
      while (!heads.isEmpty() && page.size() <= limit) {
        Deque<LoggedMessage> head = heads.poll();
        page.add(head.pollFirst());
        if (!head.isEmpty()) {
          heads.add(head);
        }
      }
      boolean more = page.size() > limit;
      return new Page(more ? page.subList(0, limit) : page, more);
    }
  }

  enum Cursor {
    DELIVERED,
    READ
  }

  /** A user's two cursors in one conversation: positions, zero when never moved. */
  record Cursors(long deliveredUpTo, long readUpTo) {
    public static final Cursors NONE = new Cursors(0, 0);

    public long of(Cursor cursor) {
      return cursor == Cursor.DELIVERED ? deliveredUpTo : readUpTo;
    }
  }

  /**
   * One of a user's conversations: the other party, its newest unexpired message, the user's cursors, and how many
   * unexpired messages to the user lie past the read cursor, counted up to {@link #UNREAD_CAP}.
   */
  record ConversationSummary(UserId with, LoggedMessage last, Cursors cursors, int unread) {
    public ConversationSummary {
      Objects.requireNonNull(with, "with");
      Objects.requireNonNull(last, "last");
      Objects.requireNonNull(cursors, "cursors");
    }
  }

  /** Checks a page size, the one rule every implementation applies. */
  static int requireLimit(int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("a page holds 1 to " + MAX_PAGE + " messages, asked for " + limit);
    }
    return limit;
  }
}
