package io.wschat.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.contract.MessageLogContract;
import io.wschat.domain.port.MessageLog;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The whole message log contract on a real DynamoDB engine, one table for the class; users are unique per test. */
class DynamoDbMessageLogIT extends MessageLogContract {
  private static final RequestCounter requests = new RequestCounter();
  private static DynamoDbClient client;
  private static String table;

  @BeforeAll
  static void table() {
    DynamoDbTestEngine engine = DynamoDbTestEngine.get();
    client = engine.client(requests);
    table = engine.newMessagesTable(client, "log-contract");
    requests.reset();
  }

  @AfterAll
  static void exactlyTheDeclaredRequests() {
    // Across the whole suite, races included: every request the policy allows is used, and no other (no Scan).
    assertThat(requests.counts().keySet()).isEqualTo(DynamoDbMessageLog.REQUESTS);
    client.close();
  }

  @Override
  protected MessageLog log(Clock clock, Duration retention) {
    return new DynamoDbMessageLog(client, table, clock, retention);
  }
}
