package io.wschat.adapter.dynamodb;

import static io.wschat.adapter.dynamodb.ConnectionsTable.CONNECTED_AT;
import static io.wschat.adapter.dynamodb.ConnectionsTable.CONNECTION_ID;
import static io.wschat.adapter.dynamodb.ConnectionsTable.EXPIRES_AT;
import static io.wschat.adapter.dynamodb.ConnectionsTable.TIME_TO_LIVE;
import static io.wschat.adapter.dynamodb.ConnectionsTable.USER_ID;
import static io.wschat.adapter.dynamodb.ConnectionsTable.USER_INDEX;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * A ConnectionRegistry on the {@link ConnectionsTable}: one item per connection, keyed by connection id, and a GSI
 * on the user id. Every operation is one DynamoDB request: register is one PutItem (which also moves a connection,
 * since the item is keyed by connection), unregister one DeleteItem that returns the old item, connectionsOf one
 * Query on the GSI (every page of it), userOf one strongly consistent GetItem. Nothing ever scans the table.
 *
 * <p>An item whose {@code expiresAt} has passed is dead even if TTL has not deleted it yet (that can take days):
 * every read ignores it, and unregister deletes it and answers empty, exactly as if TTL had been quicker. API Gateway
 * closed that connection long ago, and userOf already said nobody held it.
 *
 * <p>It uses the low-level client, not the enhanced one: four hand-written requests need no bean mapping, and
 * the enhanced client's table schema introspection and extra classes cost cold-start time in Lambda.
 */
public final class DynamoDbConnectionRegistry implements ConnectionRegistry {
  /** Every request the registry makes, by its API name. */
  public static final Set<String> REQUESTS = Set.of("PutItem", "DeleteItem", "Query", "GetItem");
  /** The IAM actions those requests need; the template's policy is held to these. Query reads the GSI only. */
  public static final Set<String> IAM_ACTIONS =
      Set.of("dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:GetItem");
  private static final Map<String, String> NAMES = Map.of("#c", CONNECTION_ID, "#u", USER_ID, "#e", EXPIRES_AT);

  private final DynamoDbClient client;
  private final String table;
  private final Clock clock;
  private final Integer pageLimit;

  public DynamoDbConnectionRegistry(DynamoDbClient client, String tableName) {
    this(client, tableName, Clock.systemUTC());
  }

  /** {@code clock} decides which items have expired; tests move it. */
  public DynamoDbConnectionRegistry(DynamoDbClient client, String tableName, Clock clock) {
    this(client, tableName, clock, null);
  }

  // pageLimit caps the items per Query page, so tests can prove every page is read without seeding megabytes.
  DynamoDbConnectionRegistry(DynamoDbClient client, String tableName, Clock clock, Integer pageLimit) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = ConnectionsTable.requireName(tableName);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pageLimit = pageLimit;
  }

  @Override
  public void register(ConnectionId connection, UserId user) {
    Instant now = clock.instant();
    Map<String, AttributeValue> item = Map.of(
        CONNECTION_ID, string(connection.value()),
        USER_ID, string(user.value()),
        CONNECTED_AT, number(now.toEpochMilli()),
        EXPIRES_AT, number(now.plus(TIME_TO_LIVE).getEpochSecond()));
    call("PutItem", connection, () -> client.putItem(r -> r.tableName(table).item(item)));
  }

  @Override
  public Optional<UserId> unregister(ConnectionId connection) {
    Map<String, AttributeValue> old = call("DeleteItem", connection, () -> client.deleteItem(r -> r
        .tableName(table)
        .key(key(connection))
        .returnValues(ReturnValue.ALL_OLD))).attributes();
    return ownerIfLive(old);
  }

  @Override
  public Set<ConnectionId> connectionsOf(UserId user) {
    QueryRequest query = QueryRequest.builder()
        .tableName(table)
        .indexName(USER_INDEX)
        .keyConditionExpression("#u = :u")
        // Filtered on the server: an expired item costs read capacity but no bytes on the wire.
        .filterExpression("#e > :now")
        .projectionExpression("#c")
        .expressionAttributeNames(NAMES)
        .expressionAttributeValues(Map.of(":u", string(user.value()), ":now", number(nowSeconds())))
        .limit(pageLimit)
        .build();
    // The paginator sends a further page request only while DynamoDB answers with a LastEvaluatedKey (1 MB pages).
    return call("Query", user, () -> {
      Set<ConnectionId> live = new LinkedHashSet<>();
      client.queryPaginator(query).items().forEach(item -> live.add(new ConnectionId(item.get(CONNECTION_ID).s())));
      return Set.copyOf(live);
    });
  }

  @Override
  public Optional<UserId> userOf(ConnectionId connection) {
    Map<String, AttributeValue> item = call("GetItem", connection, () -> client.getItem(r -> r
        .tableName(table)
        .key(key(connection))
        .projectionExpression("#u, #e")
        .expressionAttributeNames(Map.of("#u", USER_ID, "#e", EXPIRES_AT))
        // Right after a register, the owner must already be known: the sender's own connection is looked up so.
        .consistentRead(true))).item();
    return ownerIfLive(item);
  }

  // An item without expiresAt is treated as expired, as the Query's filter does, so every operation agrees.
  private Optional<UserId> ownerIfLive(Map<String, AttributeValue> item) {
    if (item == null || !item.containsKey(USER_ID) || !item.containsKey(EXPIRES_AT)) {
      return Optional.empty();
    }
    boolean live = Long.parseLong(item.get(EXPIRES_AT).n()) > nowSeconds();
    return live ? Optional.of(new UserId(item.get(USER_ID).s())) : Optional.empty();
  }

  private long nowSeconds() {
    return clock.instant().getEpochSecond();
  }

  private <T> T call(String operation, Object id, Supplier<T> request) {
    try {
      return request.get();
    } catch (ResourceNotFoundException e) {
      throw new MissingTableException(table, operation, e);
    } catch (SdkException e) {
      throw new ConnectionStoreException(table, SdkFailures.describe(operation, table, id, e), e);
    }
  }

  private static Map<String, AttributeValue> key(ConnectionId connection) {
    return Map.of(CONNECTION_ID, string(connection.value()));
  }

  private static AttributeValue string(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
