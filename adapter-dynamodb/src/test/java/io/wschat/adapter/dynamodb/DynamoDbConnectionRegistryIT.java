package io.wschat.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.contract.ConnectionRegistryContract;
import io.wschat.domain.port.ConnectionRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The whole registry contract on a real DynamoDB engine, one table for the class; ids are unique per test. */
class DynamoDbConnectionRegistryIT extends ConnectionRegistryContract {
  private static final RequestCounter requests = new RequestCounter();
  private static DynamoDbClient client;
  private static DynamoDbConnectionRegistry registry;

  @BeforeAll
  static void table() {
    DynamoDbTestEngine engine = DynamoDbTestEngine.get();
    client = engine.client(requests);
    registry = new DynamoDbConnectionRegistry(client, engine.newTable(client, "contract"));
    requests.reset();
  }

  @AfterAll
  static void onlyTheFourOperations() {
    // Across the whole suite, including the concurrent tests: exactly the four requests the policy allows, no Scan.
    assertThat(requests.counts().keySet()).isEqualTo(DynamoDbConnectionRegistry.REQUESTS);
    assertThat(DynamoDbConnectionRegistry.IAM_ACTIONS).containsExactlyInAnyOrderElementsOf(
        DynamoDbConnectionRegistry.REQUESTS.stream().map(r -> "dynamodb:" + r).toList());
    client.close();
  }

  @Override
  protected ConnectionRegistry registry() {
    return registry;
  }
}
