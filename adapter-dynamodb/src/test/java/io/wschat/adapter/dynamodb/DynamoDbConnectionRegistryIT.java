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
    // Across the whole suite, including the concurrent tests: never a Scan, never anything but the four requests.
    assertThat(requests.counts().keySet()).isNotEmpty().isSubsetOf("PutItem", "DeleteItem", "Query", "GetItem");
    client.close();
  }

  @Override
  protected ConnectionRegistry registry() {
    return registry;
  }
}
