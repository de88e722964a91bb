package io.wschat.adapter.redis.internal;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog.Cursor;
import java.util.Objects;

/**
 * Key names; docs/storage.md describes the layout. The scripts rebuild a user's key from {@link #userPrefix()} and
 * a conversation's keys from {@code conversationPrefix()}. On a cluster the prefix is a hash tag of its own
 * ({@code {wschat:}}), which comes first and puts every key in one slot; the inner braces then only group names.
 */
public record KeyLayout(String prefix) {

  public KeyLayout {
    Objects.requireNonNull(prefix, "prefix");
  }

  /** A string holding the owner's user id, with a TTL. */
  public String connection(ConnectionId connection) {
    return prefix + "conn:" + connection.value();
  }

  /** A sorted set of the user's connection ids, each scored by its expiry in epoch milliseconds. */
  public String user(UserId user) {
    return userPrefix() + user.value();
  }

  public String userPrefix() {
    return prefix + "user:";
  }

  /**
   * A hash: {@code seq}, the last position given; {@code i:<message id>}, that message's position; and per user
   * the cursors {@code d:<user>} (delivered) and {@code r:<user>} (read), and the positions of their last two
   * incoming messages, {@code li:<user>} and {@code pi:<user>}. The scripts build it as
   * {@code conversationPrefix() .. key .. '}'}.
   */
  public String conversation(Conversation conversation) {
    return conversationPrefix() + conversation.key() + "}";
  }

  /** A sorted set of the conversation's messages ({@link LogEntries}), each scored by its position. */
  public String conversationLog(Conversation conversation) {
    return conversation(conversation) + ":log";
  }

  public String conversationPrefix() {
    return prefix + "conv:{";
  }

  /** The field of {@link #conversation} that holds {@code user}'s {@code cursor}. */
  public static String cursorField(Cursor cursor, UserId user) {
    return (cursor == Cursor.DELIVERED ? "d:" : "r:") + user.value();
  }

  /** A sorted set of the keys of the user's conversations, each scored by its latest sentAt in epoch ms. */
  public String conversationsOf(UserId user) {
    return prefix + "u:{" + user.value() + "}:convs";
  }

  /**
   * A sorted set of the keys of the conversations that may hold messages to the user past the delivered cursor,
   * each scored by the latest sentAt of a message to the user, in epoch ms.
   */
  public String inbox(UserId user) {
    return prefix + "u:{" + user.value() + "}:inbox";
  }

  /**
   * A string: the user's send-rate bucket, its theoretical arrival time in epoch microseconds ({@code SendRate}),
   * with a TTL that ends soon after it is full again.
   */
  public String rateBucket(UserId user) {
    return prefix + "rate:{" + user.value() + "}";
  }
}
