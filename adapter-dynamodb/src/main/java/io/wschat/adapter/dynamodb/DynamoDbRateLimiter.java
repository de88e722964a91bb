package io.wschat.adapter.dynamodb;

import static io.wschat.adapter.dynamodb.ConnectionsTable.CONNECTION_ID;
import static io.wschat.adapter.dynamodb.ConnectionsTable.EXPIRES_AT;
import static io.wschat.adapter.dynamodb.ConnectionsTable.RATE_BUCKET_PREFIX;
import static io.wschat.adapter.dynamodb.ConnectionsTable.TAT;

import io.wschat.domain.model.SendRate;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.RateLimiter;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * A RateLimiter on the {@link ConnectionsTable}: one item per user who sent lately, keyed
 * {@code #rate#<userId>} (API Gateway connection ids are base64 and never hold {@code #}), holding the bucket's
 * theoretical arrival time ({@link SendRate}) in {@code tat}, epoch microseconds. It has no {@code userId}
 * attribute, so it stays out of the user index. DynamoDB has no {@code max()} in an update, so the GCRA step is
 * split by its two cases, each one conditional UpdateItem that returns the old item when its condition fails:
 * <ul>
 *   <li>"full": {@code tat} absent or not after now: set it to now + interval. A user who sends slower than the
 *       rate, the usual chat user, costs this one request.
 *   <li>"spend": {@code tat} after now but within the burst: add one interval to it, atomically.
 * </ul>
 * The "full" update is tried first; if it fails, the old item it returns either refuses the send (its wait computed
 * from that item, no further request) or says to "spend". So an allowed send costs one request after a pause and
 * two within a burst, and a refused send one. {@code tat} only grows, whatever the caller's clock says. TTL on
 * {@code expiresAt} deletes an item a minute after it is full again, when it no longer matters.
 */
public final class DynamoDbRateLimiter implements RateLimiter {
  /** Every request the limiter makes, by its API name. */
  public static final Set<String> REQUESTS = Set.of("UpdateItem");
  /** The IAM actions those requests need, on the connections table itself (not its index). */
  public static final Set<String> IAM_ACTIONS = Set.of("dynamodb:UpdateItem");
  // TTL deletes an item this long after its bucket could be full, so that Lambda clocks a little apart never see it
  // vanish while it still counts.
  private static final long TTL_MARGIN_SECONDS = 60;
  // Each round moves tat forward or refuses; a user's own racing sends cannot keep this busy for long.
  private static final int MAX_ROUNDS = 20;
  private static final Map<String, String> NAMES = Map.of("#t", TAT, "#e", EXPIRES_AT);

  private final DynamoDbClient client;
  private final String table;
  private final SendRate rate;

  public DynamoDbRateLimiter(DynamoDbClient client, String tableName, SendRate rate) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = ConnectionsTable.requireName(tableName);
    this.rate = Objects.requireNonNull(rate, "rate");
  }

  @Override
  public Decision acquire(UserId user, Instant now) {
    long micros = SendRate.micros(now);
    Map<String, AttributeValue> key = Map.of(CONNECTION_ID, AttributeValue.fromS(RATE_BUCKET_PREFIX + user.value()));
    AttributeValue expires = number(Math.floorDiv(micros + rate.capacityMicros(), 1_000_000) + 1 + TTL_MARGIN_SECONDS);
    AttributeValue nowValue = number(micros);
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Map<String, AttributeValue> old = update(user, key, "SET #t = :next, #e = :e",
          "attribute_not_exists(#t) OR #t <= :now",
          Map.of(":next", number(micros + rate.intervalMicros()), ":now", nowValue, ":e", expires));
      if (old == null) {
        return Decision.ALLOWED;
      }
      Decision decision = Decision.of(rate.step(tat(old), micros));
      if (decision instanceof Decision.Refused) {
        return decision;
      }
      old = update(user, key, "SET #t = #t + :interval, #e = :e", "#t > :now AND #t <= :last",
          Map.of(":interval", number(rate.intervalMicros()), ":now", nowValue, ":e", expires,
              ":last", number(micros + rate.capacityMicros() - rate.intervalMicros())));
      if (old == null) {
        return Decision.ALLOWED;
      }
      decision = Decision.of(rate.step(tat(old), micros));
      if (decision instanceof Decision.Refused) {
        return decision;
      }
      // The bucket was deleted or refilled in between (TTL, or a clock far ahead of ours): start over.
    }
    throw new ConnectionStoreException(table, "UpdateItem on table '" + table + "' for the rate bucket of " + user
        + " lost to concurrent writes " + MAX_ROUNDS + " times in a row", null);
  }

  /** One conditional update: null when it was applied, else the item as it was (empty if there was none). */
  private Map<String, AttributeValue> update(UserId user, Map<String, AttributeValue> key, String update,
      String condition, Map<String, AttributeValue> values) {
    try {
      client.updateItem(r -> r.tableName(table).key(key)
          .updateExpression(update)
          .conditionExpression(condition)
          .expressionAttributeNames(NAMES)
          .expressionAttributeValues(values)
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return null;
    } catch (ConditionalCheckFailedException e) {
      return e.hasItem() ? e.item() : Map.of();
    } catch (ResourceNotFoundException e) {
      throw new MissingTableException(table, "UpdateItem", e);
    } catch (SdkException e) {
      throw new ConnectionStoreException(table, SdkFailures.describe("UpdateItem", table, "rate bucket of " + user, e),
          e);
    }
  }

  private static long tat(Map<String, AttributeValue> item) {
    AttributeValue tat = item.get(TAT);
    return tat == null ? 0 : Long.parseLong(tat.n());
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
