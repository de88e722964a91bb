package io.wschat.adapter.dynamodb;

import static io.wschat.adapter.dynamodb.ConnectionsTable.TIME_TO_LIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.domain.fake.MutableClock;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What each operation costs in requests, what an item holds, how expiry and a missing table behave. */
class DynamoDbRequestsIT {
  private static final RequestCounter requests = new RequestCounter();
  private static final RequestCounter allRequests = new RequestCounter();
  private static DynamoDbClient client;
  private static String table;

  private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  private DynamoDbConnectionRegistry registry;
  private String run;

  @BeforeAll
  static void table() {
    DynamoDbTestEngine engine = DynamoDbTestEngine.get();
    client = engine.client(requests, allRequests);
    table = engine.newTable(client, "requests");
  }

  @AfterAll
  static void neverAScan() {
    assertThat(allRequests.counts()).containsKeys("PutItem", "DeleteItem", "Query", "GetItem")
        .doesNotContainKeys("Scan", "ExecuteStatement", "BatchExecuteStatement");
    client.close();
  }

  @BeforeEach
  void registry() {
    registry = new DynamoDbConnectionRegistry(client, table, clock);
    run = UUID.randomUUID().toString().substring(0, 8);
    requests.reset();
  }

  // Items are aged by moving the registry's clock forward, never by backdating them: DynamoDB Local runs a TTL job
  // that really deletes items whose expiresAt has passed, at a moment no test controls.

  @Test
  void every_operation_is_exactly_one_request() {
    assertThat(requestsOf(() -> registry.register(connection("c1"), user("alice")))).isEqualTo(Map.of("PutItem", 1));
    assertThat(requestsOf(() -> registry.register(connection("c1"), user("bob")))).as("a move")
        .isEqualTo(Map.of("PutItem", 1));
    assertThat(requestsOf(() -> assertThat(registry.userOf(connection("c1"))).contains(user("bob"))))
        .isEqualTo(Map.of("GetItem", 1));
    assertThat(requestsOf(() -> assertThat(registry.connectionsOf(user("bob"))).containsExactly(connection("c1"))))
        .isEqualTo(Map.of("Query", 1));
    assertThat(requestsOf(() -> assertThat(registry.connectionsOf(user("alice"))).isEmpty()))
        .isEqualTo(Map.of("Query", 1));
    assertThat(requestsOf(() -> assertThat(registry.unregister(connection("c1"))).contains(user("bob"))))
        .isEqualTo(Map.of("DeleteItem", 1));
    assertThat(requestsOf(() -> assertThat(registry.unregister(connection("c1"))).isEmpty()))
        .isEqualTo(Map.of("DeleteItem", 1));
  }

  @Test
  void the_query_follows_every_page() {
    var smallPages = new DynamoDbConnectionRegistry(client, table, clock, 2);
    smallPages.register(connection("old1"), user("alice"));
    smallPages.register(connection("old2"), user("alice"));
    clock.advance(TIME_TO_LIVE);
    for (int i = 1; i <= 5; i++) {
      smallPages.register(connection("c" + i), user("alice"));
    }
    requests.reset();

    assertThat(smallPages.connectionsOf(user("alice"))).containsExactlyInAnyOrder(
        connection("c1"), connection("c2"), connection("c3"), connection("c4"), connection("c5"));
    // The limit applies before the filter: 7 items in pages of 2 are 4 requests, expired ones included.
    assertThat(requests.counts()).isEqualTo(Map.of("Query", 4));
  }

  @Test
  void an_item_holds_the_ids_the_registration_time_and_a_ttl_a_little_over_two_hours_ahead() {
    registry.register(connection("c1"), user("alice"));

    Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table)
        .key(Map.of(ConnectionsTable.CONNECTION_ID, AttributeValue.fromS(connection("c1").value())))).item();
    assertThat(item).containsOnlyKeys("connectionId", "userId", "connectedAt", "expiresAt");
    assertThat(item.get("userId").s()).isEqualTo(user("alice").value());
    assertThat(Long.parseLong(item.get("connectedAt").n())).isEqualTo(clock.instant().toEpochMilli());
    assertThat(Long.parseLong(item.get("expiresAt").n()))
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(130)).getEpochSecond());
  }

  @Test
  void an_expired_item_is_gone_for_every_operation_before_ttl_deletes_it() {
    registry.register(connection("old"), user("alice"));
    clock.advance(TIME_TO_LIVE.minusSeconds(1));
    registry.register(connection("new"), user("alice"));
    assertThat(registry.userOf(connection("old"))).as("one second before expiry").contains(user("alice"));

    clock.advance(Duration.ofSeconds(1));

    assertThat(registry.userOf(connection("old"))).isEmpty();
    assertThat(registry.connectionsOf(user("alice"))).containsExactly(connection("new"));
    assertThat(registry.unregister(connection("old"))).as("answers as if TTL had deleted it").isEmpty();
    assertThat(client.getItem(r -> r.tableName(table).consistentRead(true)
        .key(Map.of(ConnectionsTable.CONNECTION_ID, AttributeValue.fromS(connection("old").value())))).hasItem())
        .as("and the dead item is deleted all the same").isFalse();
  }

  @Test
  void registering_an_expired_connection_again_makes_it_live() {
    registry.register(connection("c1"), user("alice"));
    clock.advance(TIME_TO_LIVE.plusMinutes(1));
    registry.register(connection("c1"), user("alice"));

    assertThat(registry.userOf(connection("c1"))).contains(user("alice"));
    assertThat(registry.connectionsOf(user("alice"))).containsExactly(connection("c1"));
  }

  @Test
  void a_missing_table_fails_naming_the_table_and_the_variable() {
    var missing = new DynamoDbConnectionRegistry(client, "no-such-table-" + run, clock);

    for (Executable operation : new Executable[] {
        () -> missing.register(connection("c1"), user("alice")),
        () -> missing.unregister(connection("c1")),
        () -> missing.connectionsOf(user("alice")),
        () -> missing.userOf(connection("c1"))}) {
      assertThatThrownBy(operation::execute)
          .isInstanceOf(MissingTableException.class)
          .hasMessageContaining("'no-such-table-" + run + "'")
          .hasMessageContaining("CONNECTIONS_TABLE");
    }
    assertThat(requests.counts()).as("not retried").isEqualTo(
        Map.of("PutItem", 1, "DeleteItem", 1, "Query", 1, "GetItem", 1));
  }

  private Map<String, Integer> requestsOf(Runnable operation) {
    requests.reset();
    operation.run();
    return requests.counts();
  }

  private UserId user(String name) {
    return new UserId(name + "-" + run);
  }

  private ConnectionId connection(String name) {
    return new ConnectionId(name + "-" + run + "=");
  }
}
