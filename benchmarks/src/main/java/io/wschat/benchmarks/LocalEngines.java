package io.wschat.benchmarks;

import io.wschat.adapter.dynamodb.ConnectionsTable;
import io.wschat.adapter.dynamodb.MessagesTable;
import io.wschat.adapter.dynamodb.DynamoDbClients;
import io.wschat.engines.DynamoDbServer;
import io.wschat.engines.RedisServer;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real engines the benchmarks run against, always on this machine and on loopback: DynamoDB Local in this JVM
 * (in memory, no telemetry, our own Jetty) and a redis-server binary, never a Docker container, whose network hop
 * would be measured too and which redis-benchmark could not be compared with on equal terms.
 */
public final class LocalEngines {
  public static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  private static DynamoDbLocal dynamoDb;

  private LocalEngines() {}

  /** DynamoDB Local on a loopback port; one per JVM, stopped when the JVM exits. */
  public record DynamoDbLocal(URI endpoint) {
    public DynamoDbClient client() {
      return DynamoDbClients.create(Region.US_EAST_1, CREDENTIALS, Optional.of(endpoint));
    }

    /** A new connections table, made by the adapter's own {@link ConnectionsTable#create}. */
    public String newTable(String prefix) {
      String name = prefix + "-" + UUID.randomUUID();
      try (DynamoDbClient client = client()) {
        ConnectionsTable.create(client, name);
      }
      return name;
    }

    /** A new messages table, made by the adapter's own {@link MessagesTable#create}. */
    public String newMessagesTable(String prefix) {
      String name = prefix + "-messages-" + UUID.randomUUID();
      try (DynamoDbClient client = client()) {
        MessagesTable.create(client, name);
      }
      return name;
    }

    public String description() {
      return "DynamoDB Local (in memory) in the harness JVM at " + endpoint;
    }
  }

  public static synchronized DynamoDbLocal dynamoDb() {
    if (dynamoDb == null) {
      DynamoDbServer engine = DynamoDbServer.inProcess(); // the local chat's own, native library and all
      dynamoDb = new DynamoDbLocal(engine.endpoint());
      Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "dynamodb-local-stop"));
    }
    return dynamoDb;
  }

  public static RedisServer redis() {
    System.setProperty("wschat.redis.engine", "binary");
    return RedisServer.start();
  }
}
