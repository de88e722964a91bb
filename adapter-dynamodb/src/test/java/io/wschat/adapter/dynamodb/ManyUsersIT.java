package io.wschat.adapter.dynamodb;

import static io.wschat.adapter.dynamodb.ConnectionsTable.CONNECTED_AT;
import static io.wschat.adapter.dynamodb.ConnectionsTable.CONNECTION_ID;
import static io.wschat.adapter.dynamodb.ConnectionsTable.EXPIRES_AT;
import static io.wschat.adapter.dynamodb.ConnectionsTable.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.fake.MutableClock;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** 10,000 connections of 1,000 users: one user's connections still cost one Query that reads only that user's items. */
class ManyUsersIT {
  private static final int USERS = 1_000;
  private static final int CONNECTIONS_PER_USER = 10;
  private static final int EXPIRED_OF_USER_42 = 5;

  private static final RequestCounter requests = new RequestCounter();
  private static final AtomicInteger lastScannedCount = new AtomicInteger(-1);
  private static DynamoDbClient client;
  private static DynamoDbConnectionRegistry registry;

  @BeforeAll
  static void seed() {
    ExecutionInterceptor scanned = new ExecutionInterceptor() {
      @Override
      public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.response() instanceof QueryResponse query) {
          lastScannedCount.set(query.scannedCount());
        }
      }
    };
    DynamoDbTestEngine engine = DynamoDbTestEngine.get();
    client = engine.client(requests, scanned);
    String table = engine.newTable(client, "many");
    // User 42's extra items expire in 10 minutes and the registry's clock is an hour ahead: dead to the registry,
    // yet still in the table, since DynamoDB Local's TTL job deletes items whose expiresAt has really passed.
    Instant now = Instant.now();
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      for (int c = 0; c < CONNECTIONS_PER_USER; c++) {
        items.add(item(connection(u, c), user(u), now.plus(ConnectionsTable.TIME_TO_LIVE)));
      }
    }
    for (int c = 0; c < EXPIRED_OF_USER_42; c++) {
      items.add(item(new ConnectionId("expired-" + c + "="), user(42), now.plus(Duration.ofMinutes(10))));
    }
    long started = System.nanoTime();
    for (int i = 0; i < items.size(); i += 25) {
      batchWrite(table, items.subList(i, Math.min(i + 25, items.size())));
    }
    System.out.printf("ManyUsersIT: seeded %d items with %d BatchWriteItem requests in %d ms (%s)%n", items.size(),
        requests.counts().get("BatchWriteItem"), (System.nanoTime() - started) / 1_000_000, engine.description());
    registry = new DynamoDbConnectionRegistry(client, table, new MutableClock(now.plus(Duration.ofHours(1))));
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void one_users_live_connections_cost_one_query_reading_only_that_users_items() {
    requests.reset();
    long started = System.nanoTime();

    Set<ConnectionId> found = registry.connectionsOf(user(42));

    long micros = (System.nanoTime() - started) / 1_000;
    assertThat(found).isEqualTo(IntStream.range(0, CONNECTIONS_PER_USER).mapToObj(c -> connection(42, c))
        .collect(Collectors.toSet()));
    assertThat(requests.counts()).isEqualTo(Map.of("Query", 1));
    assertThat(lastScannedCount.get()).as("items the Query read: user 42's only, expired ones included")
        .isEqualTo(CONNECTIONS_PER_USER + EXPIRED_OF_USER_42);
    System.out.printf("ManyUsersIT: connectionsOf among %d items: 1 Query, %d items read, %d µs%n",
        USERS * CONNECTIONS_PER_USER + EXPIRED_OF_USER_42, lastScannedCount.get(), micros);
  }

  @Test
  void a_user_without_connections_costs_one_query_too() {
    requests.reset();

    assertThat(registry.connectionsOf(new UserId("nobody"))).isEmpty();
    assertThat(requests.counts()).isEqualTo(Map.of("Query", 1));
  }

  private static void batchWrite(String table, List<Map<String, AttributeValue>> items) {
    Map<String, List<WriteRequest>> pending = Map.of(table, items.stream()
        .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
        .toList());
    while (!pending.isEmpty()) {
      Map<String, List<WriteRequest>> request = pending;
      pending = client.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
    }
  }

  private static Map<String, AttributeValue> item(ConnectionId connection, UserId user, Instant expiresAt) {
    return Map.of(
        CONNECTION_ID, AttributeValue.fromS(connection.value()),
        USER_ID, AttributeValue.fromS(user.value()),
        CONNECTED_AT, AttributeValue.fromN(Long.toString(System.currentTimeMillis())),
        EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
  }

  private static UserId user(int u) {
    return new UserId(String.format("user-%04d", u));
  }

  private static ConnectionId connection(int u, int c) {
    return new ConnectionId(String.format("conn-%04d-%02d=", u, c));
  }
}
