package io.wschat.adapter.dynamodb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Creates a table from its definition, the one way both of our tables are made outside the template: idempotent,
 * safe from several processes at once, and strict about an existing table of the same name with another layout.
 */
final class Tables {
  // A new table on AWS turns ACTIVE in seconds; the SDK's default waiter would poll only every 20 s.
  private static final WaiterOverrideConfiguration WAIT_FOR_ACTIVE = WaiterOverrideConfiguration.builder()
      .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofSeconds(1)))
      .maxAttempts(Integer.MAX_VALUE)
      .waitTimeout(Duration.ofMinutes(5))
      .build();

  private Tables() {}

  /**
   * Creates {@code definition} unless its table exists, waits until it is ACTIVE and enables TTL on
   * {@code ttlAttribute}. {@code kind} names the table in errors, e.g. "connections".
   */
  static void create(DynamoDbClient client, CreateTableRequest definition, String ttlAttribute, String kind) {
    Objects.requireNonNull(client, "client");
    String tableName = definition.tableName();
    try {
      client.createTable(definition);
    } catch (ResourceInUseException alreadyThere) {
      // Created before, or being created by someone else right now: either way, wait for it below.
    }
    DescribeTableRequest describe = DescribeTableRequest.builder().tableName(tableName).build();
    try (DynamoDbWaiter waiter = client.waiter()) {
      requireLayout(definition, kind, waiter.waitUntilTableExists(describe, WAIT_FOR_ACTIVE).matched().response()
          .orElseThrow(() -> new IllegalStateException("table " + tableName + " did not become ACTIVE"))
          .table());
    }
    if (!ttlEnabled(client, tableName, ttlAttribute, kind)) {
      try {
        client.updateTimeToLive(r -> r.tableName(tableName)
            .timeToLiveSpecification(s -> s.attributeName(ttlAttribute).enabled(true)));
      } catch (DynamoDbException e) {
        // Another process may have enabled it between our look and our update; that is no failure.
        if (!ttlEnabled(client, tableName, ttlAttribute, kind)) {
          throw e;
        }
      }
    }
  }

  static KeySchemaElement key(String attribute, KeyType type) {
    return KeySchemaElement.builder().attributeName(attribute).keyType(type).build();
  }

  static AttributeDefinition attribute(String name, ScalarAttributeType type) {
    return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
  }

  /** The name, unless it is blank: then an error that names the variable setting it. */
  static String requireName(String tableName, String kind, String variable) {
    if (tableName == null || tableName.isBlank()) {
      throw new IllegalArgumentException("the " + kind + " table name is blank; " + variable + " sets it");
    }
    return tableName;
  }

  // A table has at most one TTL attribute; one on another attribute would leave our items forever, so refuse it.
  private static boolean ttlEnabled(DynamoDbClient client, String tableName, String ttlAttribute, String kind) {
    TimeToLiveDescription ttl = client.describeTimeToLive(r -> r.tableName(tableName)).timeToLiveDescription();
    if (ttl.timeToLiveStatus() != TimeToLiveStatus.ENABLED && ttl.timeToLiveStatus() != TimeToLiveStatus.ENABLING) {
      return false;
    }
    if (!ttlAttribute.equals(ttl.attributeName())) {
      throw new IllegalStateException("table " + tableName + " has TTL on " + ttl.attributeName() + "; a " + kind
          + " table needs it on " + ttlAttribute);
    }
    return true;
  }

  // An old table with another key or without an index would fail on every request; say so at creation instead.
  private static void requireLayout(CreateTableRequest definition, String kind, TableDescription table) {
    List<String> wanted = new ArrayList<>(List.of(keys("table", definition.keySchema())));
    definition.globalSecondaryIndexes().forEach(i -> wanted.add(keys(i.indexName(), i.keySchema())));
    definition.localSecondaryIndexes().forEach(i -> wanted.add(keys(i.indexName(), i.keySchema())));
    List<String> found = new ArrayList<>(List.of(keys("table", table.keySchema())));
    table.globalSecondaryIndexes().forEach(i -> found.add(keys(i.indexName(), i.keySchema())));
    table.localSecondaryIndexes().forEach(i -> found.add(keys(i.indexName(), i.keySchema())));
    if (!found.containsAll(wanted)) {
      throw new IllegalStateException("table " + table.tableName() + " exists but is not a " + kind + " table: it"
          + " needs the keys " + wanted + "; found " + found);
    }
  }

  private static String keys(String of, List<KeySchemaElement> schema) {
    return of + " " + schema.stream().map(k -> k.attributeName() + " " + k.keyTypeAsString()).toList();
  }
}
