package io.wschat.adapter.dynamodb;

import static io.wschat.adapter.dynamodb.MessagesTable.DELIVERED;
import static io.wschat.adapter.dynamodb.MessagesTable.LAST_ID;
import static io.wschat.adapter.dynamodb.MessagesTable.LAST_INCOMING;
import static io.wschat.adapter.dynamodb.MessagesTable.LAST_SENT_AT;
import static io.wschat.adapter.dynamodb.MessagesTable.READ;
import static io.wschat.adapter.dynamodb.MessagesTable.SK;

import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.port.MessageLog.Cursors;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A user's entry for one conversation, as read: the cursors, the position of the last message to the user (0 for
 * none), and the conversation's last message, which an entry made only by moving a cursor does not know.
 */
record Entry(Conversation conversation, Cursors cursors, long lastIncoming, Optional<MessageId> lastId,
    Optional<Instant> lastSentAt) {

  static Entry of(Map<String, AttributeValue> item) {
    return new Entry(MessagesTable.conversationOf(item.get(SK).s()),
        new Cursors(MessageItems.number(item, DELIVERED), MessageItems.number(item, READ)),
        MessageItems.number(item, LAST_INCOMING),
        Optional.ofNullable(item.get(LAST_ID)).map(id -> new MessageId(id.s())),
        Optional.ofNullable(item.get(LAST_SENT_AT)).map(at -> Instant.parse(at.s())));
  }

  /** The key of the conversation's last message, for a read of it. */
  Map<String, AttributeValue> lastMessageKey() {
    return MessageItems.key(MessagesTable.conversationKey(conversation),
        MessagesTable.messageKey(lastId.orElseThrow()));
  }

  boolean hasUnread() {
    return lastIncoming > cursors.readUpTo();
  }
}
