package io.wschat.adapter.dynamodb;

import static io.wschat.adapter.dynamodb.MessageItems.number;
import static io.wschat.adapter.dynamodb.MessageItems.string;
import static io.wschat.adapter.dynamodb.MessagesTable.EXPIRES_AT;
import static io.wschat.adapter.dynamodb.MessagesTable.PK;
import static io.wschat.adapter.dynamodb.MessagesTable.POSITION;
import static io.wschat.adapter.dynamodb.MessagesTable.POSITION_INDEX;
import static io.wschat.adapter.dynamodb.MessagesTable.RECIPIENT;

import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.UserId;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The Queries of the message log, built in one place. Each is strongly consistent and filters out the items whose
 * {@code expiresAt} is at or before {@code now}, in epoch seconds.
 */
final class LogQueries {
  private LogQueries() {}

  /**
   * Up to {@code limit} live messages of a conversation before position {@code before}, newest first. Expiry never
   * falls along a conversation, so when a page comes back short, the range ended or the expired messages began.
   */
  static QueryRequest history(String table, Conversation conversation, OptionalLong before, int limit, long now) {
    Map<String, String> names = new HashMap<>(Map.of("#pk", PK, "#exp", EXPIRES_AT));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":pk", string(MessagesTable.conversationKey(conversation)), ":now", number(now)));
    before.ifPresent(position -> {
      names.put("#pos", POSITION);
      values.put(":before", number(position));
    });
    return QueryRequest.builder().tableName(table).indexName(POSITION_INDEX)
        .keyConditionExpression(before.isPresent() ? "#pk = :pk AND #pos < :before" : "#pk = :pk")
        .filterExpression("#exp > :now")
        .expressionAttributeNames(names).expressionAttributeValues(values)
        .scanIndexForward(false).consistentRead(true)
        .limit(limit)
        .build();
  }

  /**
   * The live messages to {@code user} in an entry's conversation past position {@code after}, oldest first. None lie
   * past the entry's {@code lastIncoming}, so the range ends there.
   */
  static QueryRequest.Builder toUser(String table, UserId user, Entry entry, long after, long now) {
    return QueryRequest.builder().tableName(table).indexName(POSITION_INDEX)
        .keyConditionExpression("#pk = :pk AND #pos BETWEEN :from AND :to")
        .filterExpression("#to = :user AND #exp > :now")
        .expressionAttributeNames(Map.of("#pk", PK, "#pos", POSITION, "#to", RECIPIENT, "#exp", EXPIRES_AT))
        .expressionAttributeValues(Map.of(
            ":pk", string(MessagesTable.conversationKey(entry.conversation())),
            ":from", number(after + 1), ":to", number(entry.lastIncoming()),
            ":user", string(user.value()), ":now", number(now)))
        .consistentRead(true);
  }

  /** {@code user}'s live entries that also match {@code filter}, whose attribute names are {@code filterNames}. */
  static QueryRequest entries(String table, UserId user, String filter, Map<String, String> filterNames, long now) {
    Map<String, String> names = new HashMap<>(filterNames);
    names.put("#pk", PK);
    names.put("#exp", EXPIRES_AT);
    return QueryRequest.builder().tableName(table)
        .keyConditionExpression("#pk = :pk")
        .filterExpression(filter + " AND #exp > :now")
        .expressionAttributeNames(names)
        .expressionAttributeValues(Map.of(":pk", string(MessagesTable.userKey(user)), ":now", number(now)))
        .consistentRead(true)
        .build();
  }
}
