package io.wschat.bootstrap;

import io.wschat.adapter.lambda.EventLog;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.RateLimiter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Says once where the store is when it fails. Nothing touches the store at init, so a store that is down then (a
 * Redis restart, DynamoDB unreachable during SnapStart priming) never fails the init; each call fails as before,
 * answered {@code INTERNAL_ERROR} and logged per event. On top of that, the first failure after init, or after the
 * store last answered, logs one ERROR line, {@code store_unreachable}, naming the variables and the address
 * ({@code REDIS_URL=redis://10.0.0.5:6379 unreachable: …}); the first success after it logs {@code store_back}.
 */
final class StoreOutage {
  private final EventLog log;
  private final String where;
  private final AtomicBoolean down = new AtomicBoolean();

  /** {@code where} names the variables and the address, never a password, e.g. {@code REDIS_URL=redis://h:6379}. */
  StoreOutage(EventLog log, String where) {
    this.log = log;
    this.where = where;
  }

  <T> T call(Supplier<T> work) {
    T result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      if (down.compareAndSet(false, true)) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("message", where + " unreachable: " + e.getMessage());
        fields.put("error", e.getClass().getName());
        log.log(null, EventLog.Level.ERROR, "store_unreachable", fields);
      }
      throw e;
    }
    if (down.get() && down.compareAndSet(true, false)) {
      log.log(null, EventLog.Level.INFO, "store_back", Map.of("message", where + " answers again"));
    }
    return result;
  }

  ConnectionRegistry watch(ConnectionRegistry registry) {
    return new WatchedConnectionRegistry(registry);
  }

  /** Named for its port, as the architecture rules want every implementation. */
  private final class WatchedConnectionRegistry implements ConnectionRegistry {
    private final ConnectionRegistry registry;

    WatchedConnectionRegistry(ConnectionRegistry registry) {
      this.registry = registry;
    }

    @Override
    public void register(ConnectionId connection, UserId user) {
      call(() -> {
        registry.register(connection, user);
        return null;
      });
    }

    @Override
    public Optional<UserId> unregister(ConnectionId connection) {
      return call(() -> registry.unregister(connection));
    }

    @Override
    public Set<ConnectionId> connectionsOf(UserId user) {
      return call(() -> registry.connectionsOf(user));
    }

    @Override
    public Optional<UserId> userOf(ConnectionId connection) {
      return call(() -> registry.userOf(connection));
    }
  }

  MessageLog watch(MessageLog messages) {
    return messages == MessageLog.NONE ? messages : new WatchedMessageLog(messages);
  }

  private final class WatchedMessageLog implements MessageLog {
    private final MessageLog messages;

    WatchedMessageLog(MessageLog messages) {
      this.messages = messages;
    }

    @Override
    public Appended append(NewMessage message) {
      return call(() -> messages.append(message));
    }

    @Override
    public Page history(Conversation conversation, OptionalLong before, int limit) {
      return call(() -> messages.history(conversation, before, limit));
    }

    @Override
    public Page pending(UserId user, int limit) {
      return call(() -> messages.pending(user, limit));
    }

    @Override
    public Optional<LoggedMessage> find(Conversation conversation, MessageId id) {
      return call(() -> messages.find(conversation, id));
    }

    @Override
    public Cursors cursors(UserId user, Conversation conversation) {
      return call(() -> messages.cursors(user, conversation));
    }

    @Override
    public boolean advance(UserId user, Conversation conversation, Cursor cursor, long position) {
      return call(() -> messages.advance(user, conversation, cursor, position));
    }

    @Override
    public boolean deliveredLive(LoggedMessage message) {
      return call(() -> messages.deliveredLive(message));
    }

    @Override
    public List<ConversationSummary> conversations(UserId user, int limit) {
      return call(() -> messages.conversations(user, limit));
    }
  }

  RateLimiter watch(RateLimiter limiter) {
    return limiter == RateLimiter.NONE ? limiter : new WatchedRateLimiter(limiter);
  }

  private final class WatchedRateLimiter implements RateLimiter {
    private final RateLimiter limiter;

    WatchedRateLimiter(RateLimiter limiter) {
      this.limiter = limiter;
    }

    @Override
    public Decision acquire(UserId user, Instant now) {
      return call(() -> limiter.acquire(user, now));
    }
  }
}
