package io.wschat.adapter.dynamodb;

import static io.wschat.adapter.dynamodb.MessageItems.number;
import static io.wschat.adapter.dynamodb.MessageItems.string;
import static io.wschat.adapter.dynamodb.MessagesTable.DELIVERED;
import static io.wschat.adapter.dynamodb.MessagesTable.EXPIRES_AT;
import static io.wschat.adapter.dynamodb.MessagesTable.LAST_ID;
import static io.wschat.adapter.dynamodb.MessagesTable.LAST_INCOMING;
import static io.wschat.adapter.dynamodb.MessagesTable.LAST_POSITION;
import static io.wschat.adapter.dynamodb.MessagesTable.LAST_SENT_AT;
import static io.wschat.adapter.dynamodb.MessagesTable.PREV_INCOMING;
import static io.wschat.adapter.dynamodb.MessagesTable.READ;

import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * One attempt at appending a message: a single TransactWriteItems that moves the conversation's head from the
 * position read to the next one, on condition that it still holds the position read, puts the message at that
 * position, and updates the entries of sender and recipient. All of it commits, or none of it: two racing writers
 * cannot both take a position, and a message is never visible before the one ahead of it was committed.
 */
final class AppendTransaction {
  /**
   * How long a head outlives its conversation's last message. Positions go on from the head, so it must outlast every
   * other item of its conversation, which TTL deletes in no particular order, usually within days of expiry.
   */
  static final Duration HEAD_GRACE = Duration.ofDays(365);
  private static final String CONDITION_FAILED = "ConditionalCheckFailed";
  private static final String CONFLICT = "TransactionConflict";
  private static final int MESSAGE_ITEM = 1;

  private AppendTransaction() {}

  /** A conversation's head as read before an attempt: the last position given (0 for none) and its expiry. */
  record Head(boolean exists, long lastPosition, long expiresAt) {
    static Head of(Map<String, AttributeValue> item) {
      return item == null || item.isEmpty()
          ? new Head(false, 0, 0)
          : new Head(true, number(item, LAST_POSITION), number(item, EXPIRES_AT));
    }

    /** Expiry never falls along a conversation, so the expired messages are always its oldest. */
    long expiryOf(LoggedMessage message, Duration retention) {
      long own = message.sentAt().plus(retention).getEpochSecond();
      return exists ? Math.max(own, expiresAt - HEAD_GRACE.toSeconds()) : own;
    }
  }

  static TransactWriteItemsRequest request(String table, LoggedMessage message, Duration retention, Head head,
      long nowSeconds) {
    long expiresAt = head.expiryOf(message, retention);
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(moveHead(table, message, head, expiresAt));
    items.add(TransactWriteItem.builder().put(p -> p.tableName(table)
        .item(MessageItems.item(message, expiresAt))
        // An id seen before and not yet expired is a duplicate; the old item comes back in the cancellation.
        .conditionExpression("attribute_not_exists(#pk) OR #exp <= :now")
        .expressionAttributeNames(Map.of("#pk", MessagesTable.PK, "#exp", EXPIRES_AT))
        .expressionAttributeValues(Map.of(":now", number(nowSeconds)))
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build());
    items.add(entry(table, message, message.from(), expiresAt));
    if (!message.to().equals(message.from())) {
      items.add(entry(table, message, message.to(), expiresAt));
    }
    return TransactWriteItemsRequest.builder().transactItems(items).build();
  }

  /** The message stored under the same id, when that is why the attempt was cancelled. */
  static Optional<LoggedMessage> duplicate(TransactionCanceledException cancelled) {
    CancellationReason reason = cancelled.cancellationReasons().get(MESSAGE_ITEM);
    return CONDITION_FAILED.equals(reason.code()) && reason.hasItem() && !reason.item().isEmpty()
        ? Optional.of(MessageItems.message(reason.item()))
        : Optional.empty();
  }

  /** Whether another append, or a cursor moved at the same moment, got there first: then try again. */
  static boolean lostRace(TransactionCanceledException cancelled) {
    return cancelled.cancellationReasons().stream()
        .anyMatch(r -> CONDITION_FAILED.equals(r.code()) || CONFLICT.equals(r.code()));
  }

  private static TransactWriteItem moveHead(String table, LoggedMessage message, Head head, long expiresAt) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":p", number(message.position()),
        ":exp", number(expiresAt + HEAD_GRACE.toSeconds())));
    if (head.exists()) {
      values.put(":prev", number(head.lastPosition()));
    }
    return TransactWriteItem.builder().update(u -> u.tableName(table)
        .key(MessageItems.key(MessagesTable.conversationKey(message.conversation()), MessagesTable.HEAD))
        .updateExpression("SET #last = :p, #exp = :exp")
        .conditionExpression(head.exists() ? "#last = :prev" : "attribute_not_exists(#last)")
        .expressionAttributeNames(Map.of("#last", LAST_POSITION, "#exp", EXPIRES_AT))
        .expressionAttributeValues(values)).build();
  }

  // Cursors start at 0, so that "lastIncoming > delivered" can find the entries with pending messages. Every operand
  // is read from the entry as it was before this update, so prevIncoming takes the lastIncoming being replaced.
  private static TransactWriteItem entry(String table, LoggedMessage message, UserId user, long expiresAt) {
    Map<String, String> names = new HashMap<>(Map.of("#id", LAST_ID, "#at", LAST_SENT_AT, "#exp", EXPIRES_AT,
        "#d", DELIVERED, "#r", READ));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":id", string(message.id().value()),
        ":at", string(message.sentAt().toString()), ":exp", number(expiresAt), ":zero", number(0)));
    boolean incoming = user.equals(message.to());
    if (incoming) {
      names.put("#in", LAST_INCOMING);
      names.put("#prev", PREV_INCOMING);
      values.put(":p", number(message.position()));
    }
    return TransactWriteItem.builder().update(u -> u.tableName(table)
        .key(MessageItems.key(MessagesTable.userKey(user), MessagesTable.conversationKey(message.conversation())))
        .updateExpression("SET #id = :id, #at = :at, #exp = :exp, #d = if_not_exists(#d, :zero),"
            + " #r = if_not_exists(#r, :zero)" + (incoming ? ", #prev = if_not_exists(#in, :zero), #in = :p" : ""))
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)).build();
  }

}
