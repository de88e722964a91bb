package io.wschat.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.contract.RateLimiterContract;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.SendRate;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.RateLimiter;
import io.wschat.domain.port.RateLimiter.Decision;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The whole limiter contract on a real DynamoDB engine, in a connections table that the registry shares: every
 * limiter a test asks for is a new instance over the same table, as two Lambda instances would be. Plus the
 * requests each case costs, and the bucket's item beside the registry's.
 */
class DynamoDbRateLimiterIT extends RateLimiterContract {
  private static final RequestCounter requests = new RequestCounter();
  private static final RequestCounter allRequests = new RequestCounter();
  private static DynamoDbClient client;
  private static String table;

  @BeforeAll
  static void table() {
    DynamoDbTestEngine engine = DynamoDbTestEngine.get();
    client = engine.client(requests, allRequests);
    table = engine.newTable(client, "rate");
    allRequests.reset();
  }

  @AfterAll
  static void exactlyTheDeclaredRequests() {
    assertThat(allRequests.counts().keySet()).isEqualTo(DynamoDbRateLimiter.REQUESTS);
    assertThat(DynamoDbRateLimiter.IAM_ACTIONS).containsExactlyInAnyOrderElementsOf(
        DynamoDbRateLimiter.REQUESTS.stream().map(r -> "dynamodb:" + r).toList());
    client.close();
  }

  @Override
  protected RateLimiter limiter(SendRate rate) {
    return new DynamoDbRateLimiter(client, table, rate);
  }

  @Override
  protected double concurrencyScale() {
    return 0.5;
  }

  @Test
  void a_send_after_a_pause_and_a_refusal_cost_one_request_and_a_send_within_a_burst_two() {
    RateLimiter limiter = limiter(SendRate.DEFAULT);
    UserId dave = user("dave");
    Instant now = Instant.now();

    assertThat(requestsOf(() -> assertThat(limiter.acquire(dave, now)).isEqualTo(Decision.ALLOWED)))
        .isEqualTo(Map.of("UpdateItem", 1));
    for (int i = 1; i < SendRate.DEFAULT.burst(); i++) {
      assertThat(requestsOf(() -> assertThat(limiter.acquire(dave, now)).isEqualTo(Decision.ALLOWED)))
          .isEqualTo(Map.of("UpdateItem", 2));
    }
    assertThat(requestsOf(() -> assertThat(limiter.acquire(dave, now)).isInstanceOf(Decision.Refused.class)))
        .isEqualTo(Map.of("UpdateItem", 1));
    assertThat(requestsOf(() -> assertThat(limiter.acquire(dave, now.plusSeconds(5))).isEqualTo(Decision.ALLOWED)))
        .isEqualTo(Map.of("UpdateItem", 1));
  }

  @Test
  void the_bucket_is_an_item_beside_the_connections_that_the_user_index_never_sees() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    UserId erin = user("erin");
    ConnectionId connection = new ConnectionId("c-" + erin.value() + "=");
    try (DynamoDbClient uncounted = DynamoDbTestEngine.get().client()) {
      DynamoDbConnectionRegistry registry = new DynamoDbConnectionRegistry(uncounted, table);
      registry.register(connection, erin);

      limiter(SendRate.DEFAULT).acquire(erin, now);

      assertBucketBesideConnection(uncounted, registry, erin, connection, now);
    }
  }

  private static void assertBucketBesideConnection(DynamoDbClient client, DynamoDbConnectionRegistry registry,
      UserId erin, ConnectionId connection, Instant now) {
    Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table).consistentRead(true)
        .key(Map.of(ConnectionsTable.CONNECTION_ID, AttributeValue.fromS("#rate#" + erin.value())))).item();
    assertThat(item.keySet()).containsExactlyInAnyOrder(ConnectionsTable.CONNECTION_ID, ConnectionsTable.TAT,
        ConnectionsTable.EXPIRES_AT);
    assertThat(Long.parseLong(item.get(ConnectionsTable.TAT).n())).isEqualTo(SendRate.micros(now) + 100_000);
    // TTL takes it a minute after the bucket could be full again (now + 2 s).
    assertThat(Long.parseLong(item.get(ConnectionsTable.EXPIRES_AT).n()))
        .isBetween(now.getEpochSecond() + 62, now.getEpochSecond() + 63);
    assertThat(registry.connectionsOf(erin)).containsExactly(connection);
    assertThat(registry.userOf(new ConnectionId("#rate#" + erin.value()))).isEmpty();
  }

  private static Map<String, Integer> requestsOf(Runnable operation) {
    requests.reset();
    operation.run();
    return requests.counts();
  }
}
