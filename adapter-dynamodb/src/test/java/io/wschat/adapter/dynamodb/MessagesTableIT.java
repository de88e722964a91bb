package io.wschat.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The messages table's creation helper on a real engine: the layout the template declares, and strict about others. */
class MessagesTableIT {
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
  void creates_the_documented_layout_with_ttl() {
    String name = DynamoDbTestEngine.get().newMessagesTable(client, "messages-layout");

    TableDescription table = client.describeTable(r -> r.tableName(name)).table();
    assertThat(table.keySchema()).extracting(k -> k.attributeName() + " " + k.keyTypeAsString())
        .containsExactly("pk HASH", "sk RANGE");
    assertThat(table.attributeDefinitions()).extracting(a -> a.attributeName() + " " + a.attributeTypeAsString())
        .containsExactlyInAnyOrder("pk S", "sk S", "position N");
    assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(table.globalSecondaryIndexes()).isEmpty();
    assertThat(table.localSecondaryIndexes()).singleElement().satisfies((LocalSecondaryIndexDescription index) -> {
      assertThat(index.indexName()).isEqualTo("position-index");
      assertThat(index.keySchema()).extracting(k -> k.attributeName() + " " + k.keyTypeAsString())
          .containsExactly("pk HASH", "position RANGE");
      assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
    });
    TimeToLiveDescription ttl = client.describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription();
    assertThat(ttl.attributeName()).isEqualTo("expiresAt");
    assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
  }

  @Test
  void a_connections_table_is_no_messages_table() {
    String name = DynamoDbTestEngine.get().newTable(client, "not-messages");

    assertThatThrownBy(() -> MessagesTable.create(client, name))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(name)
        .hasMessageContaining("not a messages table")
        .hasMessageContaining("position-index");
  }

  @Test
  void the_same_keys_without_the_index_are_refused() {
    String name = "no-index-" + UUID.randomUUID();
    client.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            Tables.attribute("pk", ScalarAttributeType.S), Tables.attribute("sk", ScalarAttributeType.S))
        .keySchema(Tables.key("pk", KeyType.HASH), Tables.key("sk", KeyType.RANGE)));

    assertThatThrownBy(() -> MessagesTable.create(client, name)).hasMessageContaining("not a messages table");
  }

  @Test
  void a_blank_name_or_a_retention_of_nothing_is_refused() {
    assertThatThrownBy(() -> new DynamoDbMessageLog(client, " ", Clock.systemUTC(), Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MESSAGES_TABLE");
    assertThatThrownBy(() -> new DynamoDbMessageLog(client, "t", Clock.systemUTC(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retention");
  }
}
