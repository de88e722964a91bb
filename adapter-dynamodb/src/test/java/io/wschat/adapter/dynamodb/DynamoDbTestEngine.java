package io.wschat.adapter.dynamodb;

import io.wschat.engines.DynamoDbServer;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real DynamoDB engine for tests, one per JVM, started on first use and stopped when the JVM exits: whichever
 * {@link DynamoDbServer#start} picks (the Docker image when Docker answers, else DynamoDB Local in this JVM).
 * Either way tests reach it over HTTP with an ordinary SDK client, so they exercise the same code path as Lambda
 * does.
 */
public final class DynamoDbTestEngine {
  /** DynamoDB Local accepts any region and key; these only satisfy the client. */
  public static final Region REGION = Region.US_EAST_1;
  public static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  private static DynamoDbTestEngine shared;

  private final DynamoDbServer engine;

  private DynamoDbTestEngine(DynamoDbServer engine) {
    this.engine = engine;
  }

  /** The engine of this JVM, started on the first call. */
  public static synchronized DynamoDbTestEngine get() {
    if (shared == null) {
      DynamoDbServer engine = DynamoDbServer.start();
      Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "dynamodb-test-engine-stop"));
      shared = new DynamoDbTestEngine(engine);
    }
    return shared;
  }

  public URI endpoint() {
    return engine.endpoint();
  }

  /** What runs, e.g. for a test's log line: "DynamoDB Local 3.3.1 in this JVM at http://127.0.0.1:41234". */
  public String description() {
    return engine.description() + " at " + engine.endpoint();
  }

  /** A new client on the production factory, pointed at this engine. The caller closes it. */
  public DynamoDbClient client(ExecutionInterceptor... interceptors) {
    return DynamoDbClients.create(REGION, CREDENTIALS, Optional.of(endpoint()), interceptors);
  }

  /** Creates a connections table with a fresh name through {@link ConnectionsTable#create} and answers the name. */
  public String newTable(DynamoDbClient client, String prefix) {
    String name = prefix + "-" + UUID.randomUUID();
    ConnectionsTable.create(client, name);
    return name;
  }

  /** Creates a messages table with a fresh name through {@link MessagesTable#create} and answers the name. */
  public String newMessagesTable(DynamoDbClient client, String prefix) {
    String name = prefix + "-" + UUID.randomUUID();
    MessagesTable.create(client, name);
    return name;
  }
}
