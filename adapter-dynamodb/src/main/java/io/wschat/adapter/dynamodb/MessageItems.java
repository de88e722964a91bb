package io.wschat.adapter.dynamodb;

import static io.wschat.adapter.dynamodb.MessagesTable.EXPIRES_AT;
import static io.wschat.adapter.dynamodb.MessagesTable.PK;
import static io.wschat.adapter.dynamodb.MessagesTable.POSITION;
import static io.wschat.adapter.dynamodb.MessagesTable.RECIPIENT;
import static io.wschat.adapter.dynamodb.MessagesTable.SENT_AT;
import static io.wschat.adapter.dynamodb.MessagesTable.SK;
import static io.wschat.adapter.dynamodb.MessagesTable.TEXT;

import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.UserId;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A message as an item of the {@link MessagesTable}, and back; and the two attribute types the table uses. */
final class MessageItems {
  private MessageItems() {}

  static Map<String, AttributeValue> item(LoggedMessage message, long expiresAt) {
    return Map.of(
        PK, string(MessagesTable.conversationKey(message.conversation())),
        SK, string(MessagesTable.messageKey(message.id())),
        POSITION, number(message.position()),
        RECIPIENT, string(message.to().value()),
        TEXT, string(message.text().value()),
        SENT_AT, string(message.sentAt().toString()),
        EXPIRES_AT, number(expiresAt));
  }

  static LoggedMessage message(Map<String, AttributeValue> item) {
    Conversation conversation = MessagesTable.conversationOf(item.get(PK).s());
    UserId to = new UserId(item.get(RECIPIENT).s());
    return new LoggedMessage(MessagesTable.messageIdOf(item.get(SK).s()), conversation.other(to), to,
        new MessageText(item.get(TEXT).s()), Instant.parse(item.get(SENT_AT).s()), number(item, POSITION));
  }

  /** Whether an item's {@code expiresAt} lies after {@code nowSeconds}; an item without one counts as expired. */
  static boolean live(Map<String, AttributeValue> item, long nowSeconds) {
    return item != null && item.containsKey(EXPIRES_AT) && number(item, EXPIRES_AT) > nowSeconds;
  }

  static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(PK, string(pk), SK, string(sk));
  }

  static AttributeValue string(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  /** A number attribute, or 0 when the item has none. */
  static long number(Map<String, AttributeValue> item, String attribute) {
    AttributeValue value = item.get(attribute);
    return value == null ? 0 : Long.parseLong(value.n());
  }
}
