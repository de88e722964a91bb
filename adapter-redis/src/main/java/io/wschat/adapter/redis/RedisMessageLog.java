package io.wschat.adapter.redis;

import io.wschat.adapter.redis.internal.KeyLayout;
import io.wschat.adapter.redis.internal.LogEntries;
import io.wschat.adapter.redis.internal.LogScripts;
import io.wschat.adapter.redis.internal.Replay;
import io.wschat.adapter.redis.internal.Retention;
import io.wschat.adapter.redis.internal.Script;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A MessageLog on one Redis (or Valkey, or ElastiCache with cluster mode off), 6.2 or later, or on a Redis Cluster
 * or ElastiCache Serverless. Every operation is one round trip: an EVALSHA of a script that runs atomically, or one
 * HMGET; on a cluster, pending and conversations first read the user's index, to declare its conversations.
 * Messages expire by this log's clock, checked on every read; Redis deletes their keys later, once nothing would
 * show them. docs/storage.md has the key layout, the commands behind each operation and what changes on Redis
 * Cluster.
 *
 * <p>Thread-safe. Build it once per process: it owns a connection pool, which {@link #close()} closes. Failures
 * are {@link RedisStoreException}s, with the same timeouts and retry rules as {@link RedisConnectionRegistry}.
 */
public final class RedisMessageLog implements MessageLog, AutoCloseable {
  private final PooledRedis redis;
  private final KeyLayout keys;
  private final Clock clock;
  private final Retention retention;

  /** A pooled client from {@code settings}, owned by this log; keys start with the settings' key prefix. */
  public static RedisMessageLog create(RedisSettings settings, Clock clock, Duration retention) {
    return new RedisMessageLog(PooledRedis.open(settings), settings.keyPrefix(), clock, retention);
  }

  /** Over a pool that may be shared, as in tests; {@link #close()} closes it. */
  RedisMessageLog(PooledRedis redis, String keyPrefix, Clock clock, Duration retention) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = new KeyLayout(redis.keyPrefix(keyPrefix));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = new Retention(retention);
  }

  @Override
  public Appended append(NewMessage message) {
    Conversation conversation = message.conversation();
    Instant now = clock.instant();
    List<String> keys = List.of(this.keys.conversation(conversation), this.keys.conversationLog(conversation),
        this.keys.conversationsOf(message.from()), this.keys.conversationsOf(message.to()),
        this.keys.inbox(message.to()));
    // SAFE, by the message id: a second run stores nothing. After a restart the first run never happened and the
    // second stores it. Only if the first ran and its answer was lost does the second answer "duplicate" with our
    // own message: the sender still hears it was stored, and the recipient gets it at the next sync, not live.
    List<?> reply = (List<?>) run("append", Replay.SAFE, LogScripts.APPEND, now, keys, message.id().value(),
        LogEntries.body(message), Long.toString(message.sentAt().toEpochMilli()),
        Long.toString(retention.keyTtlMillis(now, message.sentAt())), conversation.key());
    return new Appended.Stored(LogEntries.parse((String) reply.get(1)), (Long) reply.get(0) == 1);
  }

  @Override
  public Page history(Conversation conversation, OptionalLong before, int limit) {
    MessageLog.requireLimit(limit);
    String highest = before.isPresent() ? "(" + before.getAsLong() : "+inf";
    List<LoggedMessage> newestFirst = entries(run("history", Replay.SAFE, LogScripts.HISTORY, clock.instant(),
        List.of(keys.conversationLog(conversation)), highest, Integer.toString(limit)));
    boolean more = newestFirst.size() > limit;
    return new Page(more ? newestFirst.subList(0, limit) : newestFirst, more);
  }

  @Override
  public Page pending(UserId user, int limit) {
    MessageLog.requireLimit(limit);
    Instant now = clock.instant();
    // SAFE: a read; the script only drops from the inbox conversations with nothing pending, as any call would.
    List<?> lists = (List<?>) redis.call("pending", Replay.SAFE, () -> {
      List<String> declared = declared(keys.inbox(user), now, false);
      return declared == null ? List.of() : LogScripts.PENDING.run(redis.client(), declared,
          argv(now, user.value(), Integer.toString(limit), keys.conversationPrefix(), strict()));
    });
    return Page.oldestFirst(lists.stream().map(RedisMessageLog::entries).toList(), limit);
  }

  @Override
  public Optional<LoggedMessage> find(Conversation conversation, MessageId id) {
    Object entry = run("find", Replay.SAFE, LogScripts.FIND, clock.instant(),
        List.of(keys.conversation(conversation), keys.conversationLog(conversation)), id.value());
    return Optional.ofNullable((String) entry).map(LogEntries::parse);
  }

  @Override
  public Cursors cursors(UserId user, Conversation conversation) {
    List<String> values = redis.call("cursors", Replay.SAFE, () -> redis.client().hmget(keys.conversation(conversation),
        KeyLayout.cursorField(Cursor.DELIVERED, user), KeyLayout.cursorField(Cursor.READ, user)));
    return new Cursors(position(values.get(0)), position(values.get(1)));
  }

  @Override
  public boolean advance(UserId user, Conversation conversation, Cursor cursor, long position) {
    // CHECKED: had a lost first run moved the cursor, a second would answer "not moved", and whoever moves it
    // sends the receipt (Sync, MarkRead): the receipt would be lost. Never sent twice; its connection is checked.
    Object moved = redis.call("advance", Replay.CHECKED, () -> LogScripts.ADVANCE.run(redis.client(),
        List.of(keys.conversation(conversation)),
        List.of(KeyLayout.cursorField(cursor, user), Long.toString(position), Long.toString(retention.millis()))));
    return (Long) moved == 1;
  }

  @Override
  public boolean deliveredLive(LoggedMessage message) {
    // SAFE: the cursor only rises, so a second run leaves the same state. Had a lost first run moved it, the second
    // answers "not moved", which the port allows (sync delivers that message once more); no receipt hangs on it.
    Object moved = redis.call("deliveredLive", Replay.SAFE, () -> LogScripts.DELIVERED_LIVE.run(redis.client(),
        List.of(keys.conversation(message.conversation())),
        List.of(message.to().value(), Long.toString(message.position()))));
    return (Long) moved == 1;
  }

  @Override
  public List<ConversationSummary> conversations(UserId user, int limit) {
    MessageLog.requireLimit(limit);
    Instant now = clock.instant();
    List<?> rows = (List<?>) redis.call("conversations", Replay.SAFE, () -> {
      List<String> declared = declared(keys.conversationsOf(user), now, true);
      return declared == null ? List.of() : LogScripts.CONVERSATIONS.run(redis.client(), declared,
          argv(now, user.value(), Integer.toString(limit), keys.conversationPrefix(), Integer.toString(UNREAD_CAP),
              strict()));
    });
    List<ConversationSummary> summaries = new ArrayList<>();
    for (Object row : rows) {
      List<?> fields = (List<?>) row;
      LoggedMessage last = LogEntries.parse((String) fields.get(0));
      summaries.add(new ConversationSummary(last.conversation().other(user), last,
          new Cursors(position(fields.get(1)), position(fields.get(2))), ((Long) fields.get(3)).intValue()));
    }
    // The index orders by whole milliseconds; the port orders by the last message's exact sentAt.
    summaries.sort(Comparator.comparing((ConversationSummary s) -> s.last().sentAt()).reversed());
    return List.copyOf(summaries);
  }

  /** See {@link RedisConnectionRegistry#dropIdleConnections()}. */
  public void dropIdleConnections() {
    redis.dropIdle();
  }

  @Override
  public void close() {
    redis.close();
  }

  /** Runs a script that reads messages: its first arguments are the retention cutoff at {@code now}. */
  private Object run(String operation, Replay replay, Script script, Instant now, List<String> keys,
      String... args) {
    List<String> argv = argv(now, args);
    return redis.call(operation, replay, () -> script.run(redis.client(), keys, argv));
  }

  private List<String> argv(Instant now, String... args) {
    List<String> argv = new ArrayList<>(retention.cutoff(now));
    argv.addAll(List.of(args));
    return argv;
  }

  private String strict() {
    return redis.cluster() ? "1" : "0";
  }

  /**
   * The KEYS of a script that reads the conversations a user's index names: the index alone on one server, where
   * the script reaches them by name. On a cluster a script may touch only what it declares, so the index's live
   * entries are read first (one more round trip) and each one's hash and log declared; null when there are none,
   * and then there is nothing to run. The index's scores are sentAt in ms, as {@code ARGV[3]} of the cutoff.
   */
  private List<String> declared(String index, Instant now, boolean newestFirst) {
    if (!redis.cluster()) {
      return List.of(index);
    }
    String cutoffMillis = retention.cutoff(now).get(2);
    List<String> conversations = newestFirst ? redis.client().zrevrangeByScore(index, "+inf", cutoffMillis)
        : redis.client().zrangeByScore(index, cutoffMillis, "+inf");
    if (conversations.isEmpty()) {
      return null;
    }
    List<String> declared = new ArrayList<>(List.of(index));
    for (String key : conversations) {
      String hash = keys.conversationPrefix() + key + "}";
      declared.add(hash);
      declared.add(hash + ":log");
    }
    return declared;
  }

  private static List<LoggedMessage> entries(Object reply) {
    return ((List<?>) reply).stream().map(e -> LogEntries.parse((String) e)).toList();
  }

  private static long position(Object value) {
    return value == null ? 0 : Long.parseLong((String) value);
  }
}
