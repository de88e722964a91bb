package io.wschat.adapter.dynamodb;

import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.MessageLog.ConversationSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * A user's conversations, most recent first, from the entries already read: one BatchGetItem of their last messages
 * (at most {@link MessageLog#MAX_PAGE} keys, within its limit of 100), and a counting Query for each conversation
 * with messages past the read cursor. The rest have nothing unread and cost nothing more.
 */
final class ConversationList {
  private final DynamoDbClient client;
  private final String table;
  private final LogCalls calls;

  ConversationList(DynamoDbClient client, String table, LogCalls calls) {
    this.client = client;
    this.table = table;
    this.calls = calls;
  }

  List<ConversationSummary> of(UserId user, List<Entry> entries, int limit, long now) {
    List<Entry> recent = entries.stream()
        .sorted(Comparator.comparing((Entry e) -> e.lastSentAt().orElseThrow()).reversed()
            .thenComparing(e -> e.conversation().key()))
        .limit(limit)
        .toList();
    Map<Conversation, LoggedMessage> last = lastMessages(user, recent, now);
    List<ConversationSummary> summaries = new ArrayList<>();
    for (Entry entry : recent) {
      if (last.containsKey(entry.conversation())) {
        int unread = entry.hasUnread() ? unread(user, entry, now) : 0;
        summaries.add(new ConversationSummary(entry.conversation().other(user), last.get(entry.conversation()),
            entry.cursors(), unread));
      }
    }
    return summaries;
  }

  // DynamoDB may leave keys unprocessed under load; those are asked for again.
  private Map<Conversation, LoggedMessage> lastMessages(UserId user, List<Entry> entries, long now) {
    Map<Conversation, LoggedMessage> last = new HashMap<>();
    if (entries.isEmpty()) {
      return last;
    }
    AtomicReference<Map<String, KeysAndAttributes>> wanted = new AtomicReference<>(Map.of(table, KeysAndAttributes
        .builder().keys(entries.stream().map(Entry::lastMessageKey).toList()).consistentRead(true).build()));
    return calls.untilDone("BatchGetItem", user, () -> {
      BatchGetItemResponse response =
          calls.call("BatchGetItem", user, () -> client.batchGetItem(r -> r.requestItems(wanted.get())));
      response.responses().getOrDefault(table, List.of()).stream()
          .filter(item -> MessageItems.live(item, now))
          .map(MessageItems::message)
          .forEach(message -> last.put(message.conversation(), message));
      wanted.set(response.unprocessedKeys());
      return wanted.get().isEmpty() ? Optional.of(last) : Optional.empty();
    });
  }

  // Counts page by page and stops at the cap, so a long unread run costs no more than a short one.
  private int unread(UserId user, Entry entry, long now) {
    QueryRequest count = LogQueries.toUser(table, user, entry, entry.cursors().readUpTo(), now)
        .select(Select.COUNT).build();
    return calls.call("Query", entry.conversation(), () -> {
      int unread = 0;
      for (QueryResponse page : client.queryPaginator(count)) {
        unread += page.count();
        if (unread >= MessageLog.UNREAD_CAP) {
          return MessageLog.UNREAD_CAP;
        }
      }
      return unread;
    });
  }
}
