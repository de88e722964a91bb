package io.wschat.adapter.dynamodb;

import static io.wschat.adapter.dynamodb.MessageItems.number;
import static io.wschat.adapter.dynamodb.MessageItems.string;
import static io.wschat.adapter.dynamodb.MessagesTable.DELIVERED;
import static io.wschat.adapter.dynamodb.MessagesTable.EXPIRES_AT;
import static io.wschat.adapter.dynamodb.MessagesTable.LAST_ID;
import static io.wschat.adapter.dynamodb.MessagesTable.LAST_INCOMING;
import static io.wschat.adapter.dynamodb.MessagesTable.PK;
import static io.wschat.adapter.dynamodb.MessagesTable.POSITION;
import static io.wschat.adapter.dynamodb.MessagesTable.POSITION_INDEX;
import static io.wschat.adapter.dynamodb.MessagesTable.READ;
import static io.wschat.adapter.dynamodb.MessagesTable.RECIPIENT;

import io.wschat.adapter.dynamodb.AppendTransaction.Head;
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
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

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
 *   <li>{@code find}, {@code cursors}: one GetItem. {@code advance}: one conditional UpdateItem.
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
  // A conversation has two users, so a lost race is rare; this many in a row means something is wrong.
  private static final int MAX_ATTEMPTS = 50;

  private final DynamoDbClient client;
  private final String table;
  private final Clock clock;
  private final Duration retention;

  /** {@code clock} stamps nothing; it decides which items have expired, and tests move it. */
  public DynamoDbMessageLog(DynamoDbClient client, String tableName, Clock clock, Duration retention) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = MessagesTable.requireName(tableName);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("the retention must be positive, got " + retention);
    }
  }

  @Override
  public Appended append(NewMessage message) {
    Conversation conversation = message.conversation();
    Map<String, AttributeValue> headKey =
        MessageItems.key(MessagesTable.conversationKey(conversation), MessagesTable.HEAD);
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Head head = Head.of(call("GetItem", conversation,
          () -> client.getItem(r -> r.tableName(table).key(headKey).consistentRead(true)).item()));
      LoggedMessage next = new LoggedMessage(message.id(), message.from(), message.to(), message.text(),
          message.sentAt(), head.lastPosition() + 1);
      Optional<Appended> appended = call("TransactWriteItems", conversation, () -> {
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
      if (appended.isPresent()) {
        return appended.get();
      }
      pause(attempt);
    }
    throw new MessageStoreException(table, "TransactWriteItems on table '" + table + "' for " + conversation
        + " lost the race for the next position " + MAX_ATTEMPTS + " times in a row", null);
  }

  @Override
  public Page history(Conversation conversation, OptionalLong before, int limit) {
    MessageLog.requireLimit(limit);
    if (before.isPresent() && before.getAsLong() <= 1) {
      return Page.EMPTY;
    }
    Map<String, String> names = new HashMap<>(Map.of("#pk", PK, "#exp", EXPIRES_AT));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":pk", string(MessagesTable.conversationKey(conversation)), ":now", number(nowSeconds())));
    before.ifPresent(position -> {
      names.put("#pos", POSITION);
      values.put(":before", number(position));
    });
    QueryRequest newestFirst = QueryRequest.builder().tableName(table).indexName(POSITION_INDEX)
        .keyConditionExpression(before.isPresent() ? "#pk = :pk AND #pos < :before" : "#pk = :pk")
        .filterExpression("#exp > :now")
        .expressionAttributeNames(names).expressionAttributeValues(values)
        .scanIndexForward(false).consistentRead(true)
        // One more than asked tells whether more remain; fewer means the range ended or expired messages began.
        .limit(limit + 1)
        .build();
    List<LoggedMessage> page = call("Query", conversation,
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
    QueryRequest oldestFirst = toUser(user, entry, entry.cursors().deliveredUpTo()).limit(wanted).build();
    return call("Query", entry.conversation(), () -> client.queryPaginator(oldestFirst).items().stream()
        .limit(wanted).map(MessageItems::message).toList());
  }

  @Override
  public Optional<LoggedMessage> find(Conversation conversation, MessageId id) {
    Map<String, AttributeValue> item = call("GetItem", conversation, () -> client.getItem(r -> r.tableName(table)
        .key(MessageItems.key(MessagesTable.conversationKey(conversation), MessagesTable.messageKey(id)))
        .consistentRead(true)).item());
    return MessageItems.live(item, nowSeconds()) ? Optional.of(MessageItems.message(item)) : Optional.empty();
  }

  @Override
  public Cursors cursors(UserId user, Conversation conversation) {
    Map<String, AttributeValue> item = call("GetItem", user, () -> client.getItem(r -> r.tableName(table)
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
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Optional<Boolean> moved = call("UpdateItem", user, () -> {
        try {
          client.updateItem(r -> r.tableName(table)
              .key(entryKey(user, conversation))
              // An entry made here, before any message, still goes with TTL one day.
              .updateExpression("SET #c = :p, #exp = if_not_exists(#exp, :exp)")
              .conditionExpression("attribute_not_exists(#c) OR #c < :p")
              .expressionAttributeNames(Map.of("#c", cursor == Cursor.DELIVERED ? DELIVERED : READ, "#exp", EXPIRES_AT))
              .expressionAttributeValues(Map.of(":p", number(position),
                  ":exp", number(clock.instant().plus(retention).getEpochSecond()))));
          return Optional.of(true);
        } catch (ConditionalCheckFailedException atOrPast) {
          return Optional.of(false);
        } catch (TransactionConflictException appendInFlight) {
          return Optional.empty();
        }
      });
      if (moved.isPresent()) {
        return moved.get();
      }
      pause(attempt);
    }
    throw new MessageStoreException(table, "UpdateItem on table '" + table + "' for " + user + " met an append in"
        + " flight " + MAX_ATTEMPTS + " times in a row", null);
  }

  @Override
  public List<ConversationSummary> conversations(UserId user, int limit) {
    MessageLog.requireLimit(limit);
    List<Entry> recent = entries(user, "attribute_exists(#id)", Map.of("#id", LAST_ID)).stream()
        .sorted(Comparator.comparing((Entry e) -> e.lastSentAt().orElseThrow()).reversed()
            .thenComparing(e -> e.conversation().key()))
        .limit(limit)
        .toList();
    Map<Conversation, LoggedMessage> last = lastMessages(user, recent);
    List<ConversationSummary> summaries = new ArrayList<>();
    for (Entry entry : recent) {
      if (last.containsKey(entry.conversation())) {
        int unread = entry.hasUnread() ? unread(user, entry) : 0;
        summaries.add(new ConversationSummary(entry.conversation().other(user), last.get(entry.conversation()),
            entry.cursors(), unread));
      }
    }
    return summaries;
  }

  private Map<Conversation, LoggedMessage> lastMessages(UserId user, List<Entry> entries) {
    Map<Conversation, LoggedMessage> last = new HashMap<>();
    if (entries.isEmpty()) {
      return last;
    }
    Map<String, KeysAndAttributes> wanted = Map.of(table, KeysAndAttributes.builder()
        .keys(entries.stream().map(Entry::lastMessageKey).toList()).consistentRead(true).build());
    long now = nowSeconds();
    // DynamoDB may leave keys unprocessed under load; those are asked for again.
    for (int attempt = 1; !wanted.isEmpty(); attempt++) {
      if (attempt > MAX_ATTEMPTS) {
        throw new MessageStoreException(table, "BatchGetItem on table '" + table + "' for " + user + " left keys"
            + " unprocessed " + MAX_ATTEMPTS + " times in a row", null);
      }
      Map<String, KeysAndAttributes> request = wanted;
      var response = call("BatchGetItem", user, () -> client.batchGetItem(r -> r.requestItems(request)));
      response.responses().getOrDefault(table, List.of()).stream()
          .filter(item -> MessageItems.live(item, now))
          .map(MessageItems::message)
          .forEach(message -> last.put(message.conversation(), message));
      wanted = response.unprocessedKeys();
      if (!wanted.isEmpty()) {
        pause(attempt);
      }
    }
    return last;
  }

  // Counts page by page and stops at the cap, so a long unread run costs no more than a short one.
  private int unread(UserId user, Entry entry) {
    QueryRequest count = toUser(user, entry, entry.cursors().readUpTo()).select(Select.COUNT).build();
    return call("Query", entry.conversation(), () -> {
      int unread = 0;
      for (QueryResponse page : client.queryPaginator(count)) {
        unread += page.count();
        if (unread >= UNREAD_CAP) {
          return UNREAD_CAP;
        }
      }
      return unread;
    });
  }

  /** The live messages to {@code user} in an entry's conversation past position {@code after}, oldest first. */
  private QueryRequest.Builder toUser(UserId user, Entry entry, long after) {
    return QueryRequest.builder().tableName(table).indexName(POSITION_INDEX)
        .keyConditionExpression("#pk = :pk AND #pos BETWEEN :from AND :to")
        .filterExpression("#to = :user AND #exp > :now")
        .expressionAttributeNames(Map.of("#pk", PK, "#pos", POSITION, "#to", RECIPIENT, "#exp", EXPIRES_AT))
        .expressionAttributeValues(Map.of(
            ":pk", string(MessagesTable.conversationKey(entry.conversation())),
            ":from", number(after + 1), ":to", number(entry.lastIncoming()),
            ":user", string(user.value()), ":now", number(nowSeconds())))
        .consistentRead(true);
  }

  /** {@code user}'s live entries that also match {@code filter}, every page. */
  private List<Entry> entries(UserId user, String filter, Map<String, String> filterNames) {
    Map<String, String> names = new HashMap<>(filterNames);
    names.put("#pk", PK);
    names.put("#exp", EXPIRES_AT);
    QueryRequest query = QueryRequest.builder().tableName(table)
        .keyConditionExpression("#pk = :pk")
        .filterExpression(filter + " AND #exp > :now")
        .expressionAttributeNames(names)
        .expressionAttributeValues(Map.of(":pk", string(MessagesTable.userKey(user)), ":now", number(nowSeconds())))
        .consistentRead(true)
        .build();
    return call("Query", user, () -> client.queryPaginator(query).items().stream().map(Entry::of).toList());
  }

  private Map<String, AttributeValue> entryKey(UserId user, Conversation conversation) {
    return MessageItems.key(MessagesTable.userKey(user), MessagesTable.conversationKey(conversation));
  }

  private long nowSeconds() {
    return clock.instant().getEpochSecond();
  }

  // Jittered and short: the other writer needs only its own round trip to finish.
  private void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1 + Math.min(attempt * 2L, 20)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MessageStoreException(table, "interrupted while retrying on table '" + table + "'", e);
    }
  }

  private <T> T call(String operation, Object id, Supplier<T> request) {
    try {
      return request.get();
    } catch (ResourceNotFoundException e) {
      throw new MessageStoreException(table, SdkFailures.missingTable(operation, table, "messages",
          MessagesTable.TABLE_VARIABLE, MessagesTable.class), e);
    } catch (SdkException e) {
      throw new MessageStoreException(table, SdkFailures.describe(operation, table, id, e), e);
    }
  }
}
