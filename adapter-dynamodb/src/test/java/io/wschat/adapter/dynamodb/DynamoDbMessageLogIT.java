package io.wschat.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.contract.MessageLogContract;
import io.wschat.domain.port.MessageLog;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole message log contract on a real DynamoDB engine, one table for the class; users are unique per test. */
class DynamoDbMessageLogIT extends MessageLogContract {
  private static final RequestCounter requests = new RequestCounter();
  @RegisterExtension
  static final MessagesTableExtension table = new MessagesTableExtension("log-contract", requests);

  @BeforeAll
  static void countTheLogsRequestsOnly() {
    requests.reset(); // of the table's creation
  }

  @AfterAll
  static void exactlyTheDeclaredRequests() {
    // Across the whole suite, races included: every request the policy allows is used, and no other (no Scan).
    assertThat(requests.counts().keySet()).isEqualTo(DynamoDbMessageLog.REQUESTS);
  }

  @Override
  protected MessageLog log(Clock clock, Duration retention) {
    return table.log(clock, retention);
  }
}
