package io.wschat.adapter.dynamodb;

import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.UserId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The messages table: its keys, index, attributes and TTL attribute, in this one place, because the log, the
 * table-creation helper, the local runner and the deployment template must all agree on them. Three kinds of item,
 * told apart by their keys (docs/storage.md draws them):
 * <ul>
 *   <li>a <b>message</b>: {@code pk = c#<conversation>}, {@code sk = m#<message id>}, with {@link #POSITION},
 *       {@link #RECIPIENT}, {@link #TEXT}, {@link #SENT_AT} and {@link #EXPIRES_AT};
 *   <li>a conversation's <b>head</b>: {@code pk = c#<conversation>}, {@code sk = head}, with {@link #LAST_POSITION}
 *       and {@link #EXPIRES_AT};
 *   <li>a user's <b>entry</b> for a conversation: {@code pk = u#<user>}, {@code sk = c#<conversation>}, with the
 *       cursors {@link #DELIVERED} and {@link #READ}, and {@link #LAST_INCOMING}, {@link #PREV_INCOMING},
 *       {@link #LAST_ID}, {@link #LAST_SENT_AT} and {@link #EXPIRES_AT}.
 * </ul>
 * {@code <conversation>} is {@link Conversation#key()}; user ids hold neither {@code #} nor {@code |}.
 */
public final class MessagesTable {
  /** Partition key, a string: {@code c#<conversation>} or {@code u#<user>}. */
  public static final String PK = "pk";
  /** Sort key, a string: {@code m#<message id>}, {@code head}, or {@code c#<conversation>}. */
  public static final String SK = "sk";
  /** A number, messages only: the place in the conversation, from 1; the sort key of {@link #POSITION_INDEX}. */
  public static final String POSITION = "position";
  /** A string, messages only: who the message is to; the sender is the conversation's other party. */
  public static final String RECIPIENT = "recipient";
  /** A string, messages only: the text as sent. */
  public static final String TEXT = "text";
  /** A string, messages only: the instant the chat stamped, ISO-8601, kept to the nanosecond it was given. */
  public static final String SENT_AT = "sentAt";
  /** A number on every item: epoch seconds, the table's TTL attribute; reads treat a past one as deleted. */
  public static final String EXPIRES_AT = "expiresAt";
  /** A number, heads only: the position given last. */
  public static final String LAST_POSITION = "lastPosition";
  /** A number, entries only: the user's "delivered up to" position; 0 until moved. */
  public static final String DELIVERED = "delivered";
  /** A number, entries only: the user's "read up to" position; 0 until moved. */
  public static final String READ = "read";
  /** A number, entries only: the position of the last message to the user; absent until one comes. */
  public static final String LAST_INCOMING = "lastIncoming";
  /**
   * A number, entries only: what {@link #LAST_INCOMING} held before the last message to the user came (0 for none),
   * so that a live delivery can tell, from the entry alone, whether anything before it is still pending.
   */
  public static final String PREV_INCOMING = "prevIncoming";
  /** A string, entries only: the id of the conversation's last message, whoever sent it. */
  public static final String LAST_ID = "lastId";
  /** A string, entries only: the {@link #SENT_AT} of that message, to list conversations most recent first. */
  public static final String LAST_SENT_AT = "lastSentAt";
  /**
   * The LSI answering "messages of a conversation by position": {@link #PK} and {@link #POSITION}. Only messages
   * carry a position, so only they are in it. It projects every attribute, so a page is one Query.
   */
  public static final String POSITION_INDEX = "position-index";
  /** The variable that names the table; only bootstrap reads it, the messages here name it. */
  public static final String TABLE_VARIABLE = "MESSAGES_TABLE";

  static final String HEAD = "head";
  private static final String CONVERSATION_PREFIX = "c#";
  private static final String USER_PREFIX = "u#";
  private static final String MESSAGE_PREFIX = "m#";

  private MessagesTable() {}

  /** The table as the deployment template must declare it: on-demand billing, so nobody sizes capacity. */
  public static CreateTableRequest definition(String tableName) {
    return CreateTableRequest.builder()
        .tableName(requireName(tableName))
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(Tables.attribute(PK, ScalarAttributeType.S), Tables.attribute(SK, ScalarAttributeType.S),
            Tables.attribute(POSITION, ScalarAttributeType.N))
        .keySchema(Tables.key(PK, KeyType.HASH), Tables.key(SK, KeyType.RANGE))
        .localSecondaryIndexes(LocalSecondaryIndex.builder()
            .indexName(POSITION_INDEX)
            .keySchema(Tables.key(PK, KeyType.HASH), Tables.key(POSITION, KeyType.RANGE))
            // ALL, since an LSI's projection can never change and a page needs every attribute of a message.
            .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
            .build())
        .build();
  }

  /**
   * Creates the table unless it exists, waits until it is ACTIVE and enables TTL on {@link #EXPIRES_AT}. Safe to
   * call again and from several processes at once. Fails if a table of that name exists with another layout.
   */
  public static void create(DynamoDbClient client, String tableName) {
    Tables.create(client, definition(tableName), EXPIRES_AT, "messages");
  }

  static String requireName(String tableName) {
    return Tables.requireName(tableName, "messages", TABLE_VARIABLE);
  }

  static String conversationKey(Conversation conversation) {
    return CONVERSATION_PREFIX + conversation.key();
  }

  static String userKey(UserId user) {
    return USER_PREFIX + user.value();
  }

  static String messageKey(MessageId id) {
    return MESSAGE_PREFIX + id.value();
  }

  static MessageId messageIdOf(String messageKey) {
    return new MessageId(messageKey.substring(MESSAGE_PREFIX.length()));
  }

  /** The conversation a message's partition key or an entry's sort key names. */
  static Conversation conversationOf(String conversationKey) {
    String key = conversationKey.substring(CONVERSATION_PREFIX.length());
    int separator = key.indexOf(Conversation.SEPARATOR);
    return new Conversation(new UserId(key.substring(0, separator)), new UserId(key.substring(separator + 1)));
  }
}
