package io.wschat.adapter.dynamodb;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A fresh messages table on the test engine for one test class, through {@link MessagesTable#create}, and a client
 * for it with the class's interceptors; register it as a static field with {@code @RegisterExtension}.
 */
final class MessagesTableExtension implements BeforeAllCallback, AfterAllCallback {
  private final String prefix;
  private final ExecutionInterceptor[] interceptors;
  private DynamoDbClient client;
  private String name;

  MessagesTableExtension(String prefix, ExecutionInterceptor... interceptors) {
    this.prefix = prefix;
    this.interceptors = interceptors;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    DynamoDbTestEngine engine = DynamoDbTestEngine.get();
    client = engine.client(interceptors);
    name = engine.newMessagesTable(client, prefix);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    client.close();
  }

  DynamoDbClient client() {
    return client;
  }

  String name() {
    return name;
  }

  DynamoDbMessageLog log(Clock clock, Duration retention) {
    return new DynamoDbMessageLog(client, name, clock, retention);
  }
}
