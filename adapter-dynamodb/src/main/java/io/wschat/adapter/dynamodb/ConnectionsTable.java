package io.wschat.adapter.dynamodb;

import io.wschat.domain.port.ConnectionRegistry;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The connections table: its key schema, index and TTL attribute, in this one place, because the registry, the
 * table-creation helper, the local runner and the deployment template must all agree on them. One item per
 * connection: {@code connectionId} (partition key), {@code userId}, {@code connectedAt}, {@code expiresAt}. And one
 * per user who sent lately, for {@link DynamoDbRateLimiter}: {@link #RATE_BUCKET_PREFIX} and the user id as the key,
 * {@link #TAT} and {@code expiresAt}, no {@code userId}, so the user index never holds it.
 */
public final class ConnectionsTable {
  /** Partition key, a string: the API Gateway connection id. */
  public static final String CONNECTION_ID = "connectionId";
  /** A string: the owner, and the partition key of {@link #USER_INDEX}. */
  public static final String USER_ID = "userId";
  /** A number: epoch milliseconds of the latest registration. For people reading the table; no query uses it. */
  public static final String CONNECTED_AT = "connectedAt";
  /** A number: epoch seconds, the table's TTL attribute. */
  public static final String EXPIRES_AT = "expiresAt";
  /**
   * The start of a rate bucket's key. API Gateway connection ids are base64 (standard or URL-safe), which has no
   * {@code #}, so no connection can ever share a bucket's key.
   */
  public static final String RATE_BUCKET_PREFIX = "#rate#";
  /** A number: a rate bucket's theoretical arrival time, epoch microseconds ({@code SendRate}). */
  public static final String TAT = "tat";
  /** The GSI answering "connections of a user"; it projects {@link #EXPIRES_AT} so the Query needs no extra reads. */
  public static final String USER_INDEX = "userId-index";
  /** How long an item lives: {@link ConnectionRegistry#REGISTRATION_LIFETIME}. */
  public static final Duration TIME_TO_LIVE = ConnectionRegistry.REGISTRATION_LIFETIME;
  /** The variable that names the table; only bootstrap reads it, the messages here name it. */
  public static final String TABLE_VARIABLE = "CONNECTIONS_TABLE";

  private ConnectionsTable() {}

  /** The table as the deployment template must declare it: on-demand billing, so nobody sizes capacity. */
  public static CreateTableRequest definition(String tableName) {
    return CreateTableRequest.builder()
        .tableName(requireName(tableName))
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            Tables.attribute(CONNECTION_ID, ScalarAttributeType.S), Tables.attribute(USER_ID, ScalarAttributeType.S))
        .keySchema(Tables.key(CONNECTION_ID, KeyType.HASH))
        .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
            .indexName(USER_INDEX)
            .keySchema(Tables.key(USER_ID, KeyType.HASH))
            // Keys are always projected; expiresAt lets the Query drop expired items without reading the table.
            .projection(Projection.builder()
                .projectionType(ProjectionType.INCLUDE)
                .nonKeyAttributes(EXPIRES_AT)
                .build())
            .build())
        .build();
  }

  /**
   * Creates the table unless it exists, waits until it is ACTIVE and enables TTL on {@link #EXPIRES_AT}. Safe to
   * call again and from several processes at once. Fails if a table of that name exists with another layout.
   */
  public static void create(DynamoDbClient client, String tableName) {
    Tables.create(client, definition(tableName), EXPIRES_AT, "connections");
  }

  static String requireName(String tableName) {
    return Tables.requireName(tableName, "connections", TABLE_VARIABLE);
  }
}
