package io.wschat.localchat;

import io.wschat.adapter.dynamodb.ConnectionsTable;
import io.wschat.adapter.dynamodb.DynamoDbClients;
import io.wschat.adapter.dynamodb.MessagesTable;
import io.wschat.adapter.redis.RedisPing;
import io.wschat.adapter.redis.RedisSettings;
import io.wschat.adapter.redis.RedisStoreException;
import io.wschat.bootstrap.ChatApplication;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The store answers before the runner says it is running; if it does not, one line names the flag and the address
 * ({@link IllegalStateException}, which the command turns into exit code 2), instead of every client getting
 * INTERNAL_ERROR later.
 */
final class StoreCheck {
  private StoreCheck() {}

  /** Redis PING with the URL's password, TLS and database; on a cluster, after the slot map is read. */
  static void redis(String url) {
    RedisSettings settings = RedisSettings.fromUrl(url);
    try {
      RedisPing.ping(settings);
    } catch (RedisStoreException e) {
      String where = settings.cluster()
          ? "the Redis Cluster at " + settings.seeds().stream().map(Object::toString).collect(Collectors.joining(","))
          : "Redis at " + settings.host() + ":" + settings.port();
      throw new IllegalStateException("cannot reach " + where + " (--redis-url): " + rootCause(e), e);
    }
  }

  /**
   * DescribeTable for the connections and the messages table at {@code endpoint}; a missing one is created, with a
   * line that names it and the endpoint. {@code flag} is where the endpoint came from, for the message.
   */
  static void dynamoDbTables(URI endpoint, String flag, String connectionsTable, String messagesTable) {
    try (DynamoDbClient client = DynamoDbClients.create(Region.US_EAST_1,
        ChatApplication.credentialsOutsideLambda(endpoint), Optional.of(endpoint))) {
      ensure(client, endpoint, flag, connectionsTable, ConnectionsTable::create);
      ensure(client, endpoint, flag, messagesTable, MessagesTable::create);
    }
  }

  private static void ensure(DynamoDbClient client, URI endpoint, String flag, String table,
      BiConsumer<DynamoDbClient, String> create) {
    try {
      try {
        client.describeTable(request -> request.tableName(table));
      } catch (ResourceNotFoundException missing) {
        create.accept(client, table);
        System.out.println("wschat-local: created DynamoDB table " + table + " at " + endpoint);
      }
    } catch (SdkClientException e) {
      throw new IllegalStateException("cannot reach DynamoDB at " + endpoint + " (" + flag + "), DescribeTable "
          + table + ": " + rootCause(e), e);
    } catch (DynamoDbException e) {
      throw new IllegalStateException("DynamoDB at " + endpoint + " (" + flag + ") refused DescribeTable " + table
          + ": " + e.awsErrorDetails().errorMessage(), e);
    }
  }

  /** The innermost reason, such as "Connection refused", however the client wrapped or suppressed it. */
  static String rootCause(Throwable e) {
    Throwable deepest = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      deepest = t;
      for (Throwable suppressed : t.getSuppressed()) {
        if (suppressed instanceof IOException) {
          deepest = suppressed;
        }
      }
    }
    String message = deepest.getMessage();
    return message == null || message.isBlank() ? deepest.getClass().getSimpleName() : message;
  }
}
