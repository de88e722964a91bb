package io.wschat.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The table-creation helper on a real engine: the layout the template will declare, idempotent, and strict. */
class ConnectionsTableIT {
  private static DynamoDbClient client;

  @BeforeAll
  static void client() {
    client = DynamoDbTestEngine.get().client();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void the_engine_listens_on_loopback_only() throws Exception {
    assertThat(InetAddress.getByName(DynamoDbTestEngine.get().endpoint().getHost()).isLoopbackAddress())
        .as(DynamoDbTestEngine.get().description()).isTrue();
  }

  @Test
  void creates_the_documented_layout_with_ttl() {
    String name = DynamoDbTestEngine.get().newTable(client, "layout");

    TableDescription table = client.describeTable(r -> r.tableName(name)).table();
    assertThat(table.keySchema()).singleElement().satisfies(key -> {
      assertThat(key.attributeName()).isEqualTo("connectionId");
      assertThat(key.keyType()).isEqualTo(KeyType.HASH);
    });
    assertThat(table.attributeDefinitions())
        .allSatisfy(a -> assertThat(a.attributeType()).isEqualTo(ScalarAttributeType.S))
        .extracting(a -> a.attributeName()).containsExactlyInAnyOrder("connectionId", "userId");
    assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    GlobalSecondaryIndexDescription index = table.globalSecondaryIndexes().get(0);
    assertThat(table.globalSecondaryIndexes()).hasSize(1);
    assertThat(index.indexName()).isEqualTo("userId-index");
    assertThat(index.keySchema()).singleElement().satisfies(key -> assertThat(key.attributeName()).isEqualTo("userId"));
    assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
    assertThat(index.projection().nonKeyAttributes()).containsExactly("expiresAt");

    TimeToLiveDescription ttl = client.describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription();
    assertThat(ttl.attributeName()).isEqualTo("expiresAt");
    assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
  }

  @Test
  void creating_again_is_harmless() {
    String name = DynamoDbTestEngine.get().newTable(client, "twice");

    ConnectionsTable.create(client, name);

    assertThat(client.listTables().tableNames()).containsOnlyOnce(name);
  }

  @Test
  void a_table_of_another_layout_is_refused() {
    String name = "other-" + UUID.randomUUID();
    client.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));

    assertThatThrownBy(() -> ConnectionsTable.create(client, name))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(name)
        .hasMessageContaining("not a connections table");
  }

  @Test
  void a_table_with_ttl_on_another_attribute_is_refused() {
    String name = "ttl-" + UUID.randomUUID();
    client.createTable(ConnectionsTable.definition(name));
    client.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(t -> t.attributeName("ttl").enabled(true)));

    assertThatThrownBy(() -> ConnectionsTable.create(client, name))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TTL on ttl");
  }

  @Test
  void a_blank_name_is_refused_naming_the_variable() {
    for (String blank : List.of("", " ")) {
      assertThatThrownBy(() -> new DynamoDbConnectionRegistry(client, blank))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("CONNECTIONS_TABLE");
    }
  }
}
