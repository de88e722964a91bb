package io.wschat.bootstrap;

import io.wschat.adapter.lambda.EventLog;
import io.wschat.metrics.StoreCalls;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Says once where the store is when it fails. Nothing touches the store at init, so a store that is down then (a
 * Redis restart, DynamoDB unreachable during SnapStart priming) never fails the init; each call fails as before,
 * answered {@code INTERNAL_ERROR} and logged per event. On top of that, the first failure after init, or after the
 * store last answered, logs one ERROR line, {@code store_unreachable}, naming the variables and the address
 * ({@code REDIS_URL=redis://10.0.0.5:6379 unreachable: …}); the first success after it logs {@code store_back}. It is
 * one of the {@link StoreCalls} every store port's call goes through (ChatApplication.storeCalls).
 */
final class StoreOutage implements StoreCalls {
  private final EventLog log;
  private final String where;
  private final AtomicBoolean down = new AtomicBoolean();

  /** {@code where} names the variables and the address, never a password, e.g. {@code REDIS_URL=redis://h:6379}. */
  StoreOutage(EventLog log, String where) {
    this.log = log;
    this.where = where;
  }

  @Override
  public <T> T call(String operation, Supplier<T> work) {
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
}
