package io.wschat.adapter.dynamodb;

import io.wschat.domain.port.ConnectionRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The connections table: its key schema, index and TTL attribute, in this one place, because the registry, the
 * table-creation helper, the local runner and the deployment template must all agree on them. One item per
 * connection: {@code connectionId} (partition key), {@code userId}, {@code connectedAt}, {@code expiresAt}.
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
  /** The GSI answering "connections of a user"; it projects {@link #EXPIRES_AT} so the Query needs no extra reads. */
  public static final String USER_INDEX = "userId-index";
  /** How long an item lives: {@link ConnectionRegistry#REGISTRATION_LIFETIME}. */
  public static final Duration TIME_TO_LIVE = ConnectionRegistry.REGISTRATION_LIFETIME;
  /** The variable that names the table; only bootstrap reads it, the messages here name it. */
  public static final String TABLE_VARIABLE = "CONNECTIONS_TABLE";

  // A new table on AWS turns ACTIVE in seconds; the SDK's default waiter would poll only every 20 s.
  private static final WaiterOverrideConfiguration WAIT_FOR_ACTIVE = WaiterOverrideConfiguration.builder()
      .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofSeconds(1)))
      .maxAttempts(Integer.MAX_VALUE)
      .waitTimeout(Duration.ofMinutes(5))
      .build();

  private ConnectionsTable() {}

  /** The table as the deployment template must declare it: on-demand billing, so nobody sizes capacity. */
  public static CreateTableRequest definition(String tableName) {
    return CreateTableRequest.builder()
        .tableName(requireName(tableName))
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            AttributeDefinition.builder().attributeName(CONNECTION_ID).attributeType(ScalarAttributeType.S).build(),
            AttributeDefinition.builder().attributeName(USER_ID).attributeType(ScalarAttributeType.S).build())
        .keySchema(hashKey(CONNECTION_ID))
        .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
            .indexName(USER_INDEX)
            .keySchema(hashKey(USER_ID))
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
    Objects.requireNonNull(client, "client");
    try {
      client.createTable(definition(tableName));
    } catch (ResourceInUseException alreadyThere) {
      // Created before, or being created by someone else right now: either way, wait for it below.
    }
    DescribeTableRequest describe = DescribeTableRequest.builder().tableName(tableName).build();
    try (DynamoDbWaiter waiter = client.waiter()) {
      requireLayout(waiter.waitUntilTableExists(describe, WAIT_FOR_ACTIVE).matched().response()
          .orElseThrow(() -> new IllegalStateException("table " + tableName + " did not become ACTIVE"))
          .table());
    }
    if (!ttlEnabled(client, tableName)) {
      try {
        client.updateTimeToLive(r -> r.tableName(tableName)
            .timeToLiveSpecification(s -> s.attributeName(EXPIRES_AT).enabled(true)));
      } catch (DynamoDbException e) {
        // Another process may have enabled it between our look and our update; that is no failure.
        if (!ttlEnabled(client, tableName)) {
          throw e;
        }
      }
    }
  }

  // A table has at most one TTL attribute; one on another attribute would leave our items forever, so refuse it.
  private static boolean ttlEnabled(DynamoDbClient client, String tableName) {
    TimeToLiveDescription ttl = client.describeTimeToLive(r -> r.tableName(tableName)).timeToLiveDescription();
    if (ttl.timeToLiveStatus() != TimeToLiveStatus.ENABLED && ttl.timeToLiveStatus() != TimeToLiveStatus.ENABLING) {
      return false;
    }
    if (!EXPIRES_AT.equals(ttl.attributeName())) {
      throw new IllegalStateException("table " + tableName + " has TTL on " + ttl.attributeName() + "; a connections"
          + " table needs it on " + EXPIRES_AT);
    }
    return true;
  }

  // An old table with another key or without the index would fail on every message; say so at creation instead.
  private static void requireLayout(TableDescription table) {
    boolean keyOk = table.keySchema().equals(List.of(hashKey(CONNECTION_ID)));
    boolean indexOk = table.globalSecondaryIndexes().stream()
        .anyMatch(index -> index.indexName().equals(USER_INDEX) && index.keySchema().equals(List.of(hashKey(USER_ID))));
    if (!keyOk || !indexOk) {
      throw new IllegalStateException("table " + table.tableName() + " exists but is not a connections table: it needs"
          + " partition key " + CONNECTION_ID + " and a GSI " + USER_INDEX + " on " + USER_ID + "; found key "
          + table.keySchema() + " and indexes " + table.globalSecondaryIndexes());
    }
  }

  private static KeySchemaElement hashKey(String attribute) {
    return KeySchemaElement.builder().attributeName(attribute).keyType(KeyType.HASH).build();
  }

  static String requireName(String tableName) {
    if (tableName == null || tableName.isBlank()) {
      throw new IllegalArgumentException("the connections table name is blank; " + TABLE_VARIABLE + " sets it");
    }
    return tableName;
  }
}
