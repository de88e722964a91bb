package io.wschat.adapter.dynamodb;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * How the message log makes its requests: SDK failures become {@link MessageStoreException}s, so no SDK type
 * crosses the port, and a request that lost to a concurrent write is tried again after a short, jittered pause.
 */
final class LogCalls {
  // A conversation has two users, so a lost race is rare; this many in a row means something is wrong.
  private static final int MAX_ATTEMPTS = 50;

  private final String table;

  LogCalls(String table) {
    this.table = table;
  }

  /** Runs one request, {@code operation} on behalf of {@code id} (a conversation or user), translating failures. */
  <T> T call(String operation, Object id, Supplier<T> request) {
    try {
      return request.get();
    } catch (ResourceNotFoundException e) {
      throw new MessageStoreException(SdkFailures.missingTable(operation, table, "messages",
          MessagesTable.TABLE_VARIABLE, MessagesTable.class), e);
    } catch (SdkException e) {
      throw new MessageStoreException(SdkFailures.describe(operation, table, id, e), e);
    }
  }

  /** Runs {@code attempt} until it answers; an empty answer means it lost to a concurrent write. */
  <T> T untilDone(String operation, Object id, Supplier<Optional<T>> attempt) {
    for (int tried = 1; tried <= MAX_ATTEMPTS; tried++) {
      Optional<T> done = attempt.get();
      if (done.isPresent()) {
        return done.get();
      }
      pause(tried);
    }
    throw new MessageStoreException(operation + " on table '" + table + "' for " + id + " lost to concurrent writes "
        + MAX_ATTEMPTS + " times in a row", null);
  }

  // Short: the other writer needs only its own round trip to finish. Jittered, so two losers do not meet again.
  private void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1 + Math.min(attempt * 2L, 20)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MessageStoreException("interrupted while retrying on table '" + table + "'", e);
    }
  }
}
