package io.wschat.adapter.dynamodb;

import static io.wschat.adapter.dynamodb.MessageItems.number;
import static io.wschat.adapter.dynamodb.MessagesTable.DELIVERED;
import static io.wschat.adapter.dynamodb.MessagesTable.EXPIRES_AT;
import static io.wschat.adapter.dynamodb.MessagesTable.LAST_ID;
import static io.wschat.adapter.dynamodb.MessagesTable.LAST_INCOMING;
import static io.wschat.adapter.dynamodb.MessagesTable.PREV_INCOMING;
import static io.wschat.adapter.dynamodb.MessagesTable.READ;

import io.wschat.adapter.dynamodb.AppendTransaction.Head;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A MessageLog on the {@link MessagesTable}. The requests of each operation, in the usual case:
 * <ul>
 *   <li>{@code append}: one strongly consistent GetItem of the conversation's head, then one TransactWriteItems
 *       ({@link AppendTransaction}). A writer that lost the race for the position reads and tries again; a duplicate
 *       id costs nothing more, since the cancellation returns the stored message.
 *   <li>{@code history}: one Query on {@link MessagesTable#POSITION_INDEX}, none for a page before position 1.
 *   <li>{@code pending}: one Query of the user's entries, then one Query per conversation holding messages past
 *       the delivered cursor. A further page only when more than a page of the user's own replies, or of expired
 *       messages TTL has not deleted yet, lies between them.
 *   <li>{@code find}, {@code cursors}: one GetItem. {@code advance}, {@code deliveredLive}: one conditional
 *       UpdateItem of the user's entry.
 *   <li>{@code conversations}: one Query of the user's entries, one BatchGetItem of the last messages, and one
 *       counting Query per listed conversation with messages past the read cursor.
 * </ul>
 * Nothing scans. Every read is strongly consistent, and every read hides items whose {@code expiresAt} has passed:
 * TTL deletes them days later, if at all. Reads of the user's entries follow every page (an entry is about 200
 * bytes; a 1 MB page holds thousands).
 *
 * <p>Expiry never falls along a conversation: a message expires at {@code sentAt + retention}, or with the message
 * before it if that is later. The expired messages of a conversation are therefore always its oldest, and a page that
 * meets one has reached the end.
 */
public final class DynamoDbMessageLog implements MessageLog {
  /** Every request the log makes, by its API name; the template's policy is held to these. */
  public static final Set<String> REQUESTS =
      Set.of("GetItem", "TransactWriteItems", "Query", "BatchGetItem", "UpdateItem");
  /**
   * The IAM actions those requests need: TransactWriteItems is authorised item by item, as the PutItem and
   * UpdateItem it holds; Query is the only one that reads {@link MessagesTable#POSITION_INDEX}.
   */
  public static final Set<String> IAM_ACTIONS = Set.of("dynamodb:GetItem", "dynamodb:PutItem",
      "dynamodb:UpdateItem", "dynamodb:Query", "dynamodb:BatchGetItem");

  private final DynamoDbClient client;
  private final String table;
  private final Clock clock;
  private final Duration retention;
  private final LogCalls calls;
  private final ConversationList conversationList;

  /** {@code clock} stamps nothing; it decides which items have expired, and tests move it. */
  public DynamoDbMessageLog(DynamoDbClient client, String tableName, Clock clock, Duration retention) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = MessagesTable.requireName(tableName);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("the retention must be positive, got " + retention);
    }
    this.calls = new LogCalls(table);
    this.conversationList = new ConversationList(client, table, calls);
  }

  @Override
  public Appended append(NewMessage message) {
    Conversation conversation = message.conversation();
    Map<String, AttributeValue> headKey =
        MessageItems.key(MessagesTable.conversationKey(conversation), MessagesTable.HEAD);
    return calls.untilDone("TransactWriteItems", conversation, () -> {
      Head head = Head.of(calls.call("GetItem", conversation,
          () -> client.getItem(r -> r.tableName(table).key(headKey).consistentRead(true)).item()));
      LoggedMessage next = new LoggedMessage(message.id(), message.from(), message.to(), message.text(),
          message.sentAt(), head.lastPosition() + 1);
      return calls.call("TransactWriteItems", conversation, () -> {
        try {
          client.transactWriteItems(AppendTransaction.request(table, next, retention, head, nowSeconds()));
          return Optional.of(new Appended.Stored(next, false));
        } catch (TransactionCanceledException cancelled) {
          Optional<LoggedMessage> stored = AppendTransaction.duplicate(cancelled);
          if (stored.isEmpty() && !AppendTransaction.lostRace(cancelled)) {
            throw cancelled;
          }
          return stored.map(first -> new Appended.Stored(first, true));
        }
      });
    });
  }

  @Override
  public Page history(Conversation conversation, OptionalLong before, int limit) {
    MessageLog.requireLimit(limit);
    if (before.isPresent() && before.getAsLong() <= 1) {
      return Page.EMPTY;
    }
    // One more than asked tells whether more remain.
    QueryRequest newestFirst = LogQueries.history(table, conversation, before, limit + 1, nowSeconds());
    List<LoggedMessage> page = calls.call("Query", conversation,
        () -> client.query(newestFirst).items().stream().map(MessageItems::message).toList());
    boolean more = page.size() > limit;
    return new Page(more ? page.subList(0, limit) : page, more);
  }

  @Override
  public Page pending(UserId user, int limit) {
    MessageLog.requireLimit(limit);
    List<List<LoggedMessage>> perConversation = new ArrayList<>();
    for (Entry entry : entries(user, "#in > #d", Map.of("#in", LAST_INCOMING, "#d", DELIVERED))) {
      perConversation.add(pendingIn(user, entry, limit + 1));
    }
    return Page.oldestFirst(perConversation, limit);
  }

  // Only the range between the delivered cursor and the last message to the user can hold what is pending.
  private List<LoggedMessage> pendingIn(UserId user, Entry entry, int wanted) {
    QueryRequest oldestFirst = LogQueries.toUser(table, user, entry, entry.cursors().deliveredUpTo(), nowSeconds())
        .limit(wanted).build();
    return calls.call("Query", entry.conversation(), () -> client.queryPaginator(oldestFirst).items().stream()
        .limit(wanted).map(MessageItems::message).toList());
  }

  @Override
  public Optional<LoggedMessage> find(Conversation conversation, MessageId id) {
    Map<String, AttributeValue> item = calls.call("GetItem", conversation, () -> client.getItem(r -> r.tableName(table)
        .key(MessageItems.key(MessagesTable.conversationKey(conversation), MessagesTable.messageKey(id)))
        .consistentRead(true)).item());
    return MessageItems.live(item, nowSeconds()) ? Optional.of(MessageItems.message(item)) : Optional.empty();
  }

  @Override
  public Cursors cursors(UserId user, Conversation conversation) {
    Map<String, AttributeValue> item = calls.call("GetItem", user, () -> client.getItem(r -> r.tableName(table)
        .key(entryKey(user, conversation))
        .projectionExpression("#d, #r")
        .expressionAttributeNames(Map.of("#d", DELIVERED, "#r", READ))
        .consistentRead(true)).item());
    return item == null ? Cursors.NONE : new Cursors(number(item, DELIVERED), number(item, READ));
  }

  @Override
  public boolean advance(UserId user, Conversation conversation, Cursor cursor, long position) {
    if (position < 1) {
      return false;
    }
    String name = cursor == Cursor.DELIVERED ? DELIVERED : READ;
    return updateEntry(user, conversation, r -> r
        // An entry made here, before any message, gets an expiry too, so that TTL deletes it one day.
        .updateExpression("SET #c = :p, #exp = if_not_exists(#exp, :exp)")
        .conditionExpression("attribute_not_exists(#c) OR #c < :p")
        .expressionAttributeNames(Map.of("#c", name, "#exp", EXPIRES_AT))
        .expressionAttributeValues(Map.of(":p", number(position),
            ":exp", number(clock.instant().plus(retention).getEpochSecond()))));
  }

  /**
   * Reads nothing first: the entry says it all. While {@code lastIncoming} is still this message, every earlier
   * message to the user lies at or below {@code prevIncoming} (appends commit in position order), so a cursor at or
   * past that leaves nothing pending behind it. A later message to the user fails the condition, as the port allows.
   * An entry last written before {@code prevIncoming} existed lacks it, fails too, and waits for the next sync.
   */
  @Override
  public boolean deliveredLive(LoggedMessage message) {
    return updateEntry(message.to(), message.conversation(), r -> r
        .updateExpression("SET #d = :p")
        .conditionExpression("#in = :p AND #d >= #prev AND #d < :p")
        .expressionAttributeNames(Map.of("#d", DELIVERED, "#in", LAST_INCOMING, "#prev", PREV_INCOMING))
        .expressionAttributeValues(Map.of(":p", number(message.position()))));
  }

  /**
   * One conditional UpdateItem of {@code user}'s entry: whether it changed it. A conflict with an append in flight
   * on the same entry is tried again, since the condition can only be judged once that append is in or out.
   */
  private boolean updateEntry(UserId user, Conversation conversation, Consumer<UpdateItemRequest.Builder> update) {
    return calls.untilDone("UpdateItem", user, () -> calls.call("UpdateItem", user, () -> {
      try {
        client.updateItem(r -> update.accept(r.tableName(table).key(entryKey(user, conversation))));
        return Optional.of(true);
      } catch (ConditionalCheckFailedException unchanged) {
        return Optional.of(false);
      } catch (TransactionConflictException appendInFlight) {
        return Optional.empty();
      }
    }));
  }

  @Override
  public List<ConversationSummary> conversations(UserId user, int limit) {
    MessageLog.requireLimit(limit);
    long now = nowSeconds();
    return conversationList.of(user, entries(user, "attribute_exists(#id)", Map.of("#id", LAST_ID)), limit, now);
  }

  /** {@code user}'s live entries that also match {@code filter}, every page. */
  private List<Entry> entries(UserId user, String filter, Map<String, String> filterNames) {
    QueryRequest query = LogQueries.entries(table, user, filter, filterNames, nowSeconds());
    return calls.call("Query", user, () -> client.queryPaginator(query).items().stream().map(Entry::of).toList());
  }

  private Map<String, AttributeValue> entryKey(UserId user, Conversation conversation) {
    return MessageItems.key(MessagesTable.userKey(user), MessagesTable.conversationKey(conversation));
  }

  private long nowSeconds() {
    return clock.instant().getEpochSecond();
  }
}
