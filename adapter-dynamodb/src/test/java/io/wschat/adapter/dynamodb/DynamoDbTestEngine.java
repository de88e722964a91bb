package io.wschat.adapter.dynamodb;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real DynamoDB engine for tests, one per JVM, started on first use and stopped when the JVM exits. With Docker,
 * it is the {@code amazon/dynamodb-local} image through Testcontainers; without (this machine, CI), DynamoDB Local
 * from Maven Central runs in this JVM as an HTTP server on a free loopback port. Either way tests reach it over
 * HTTP with an ordinary SDK client, so they exercise the same code path as Lambda does.
 *
 * <p>Set {@code WSCHAT_DYNAMODB_ENGINE} (or {@code -Dwschat.dynamodb.engine}) to {@code docker} or
 * {@code in-process} to force one. A module that uses this
 * class from the test-jar needs the test dependencies {@code DynamoDBLocal}, {@code jetty-server} and
 * {@code testcontainers}, as this module's pom has them.
 */
public final class DynamoDbTestEngine {
  public static final String ENGINE_PROPERTY = "wschat.dynamodb.engine";
  public static final String ENGINE_VARIABLE = "WSCHAT_DYNAMODB_ENGINE";
  /** DynamoDB Local accepts any region and key; these only satisfy the client. */
  public static final Region REGION = Region.US_EAST_1;
  public static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  interface Engine {
    URI endpoint();

    String description();

    void stop();
  }

  private static DynamoDbTestEngine shared;

  private final Engine engine;

  private DynamoDbTestEngine(Engine engine) {
    this.engine = engine;
  }

  /** The engine of this JVM, started on the first call. */
  public static synchronized DynamoDbTestEngine get() {
    if (shared == null) {
      Engine engine = start();
      Runtime.getRuntime().addShutdownHook(new Thread(engine::stop, "dynamodb-test-engine-stop"));
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

  private static Engine start() {
    String env = System.getenv(ENGINE_VARIABLE);
    String forced = System.getProperty(ENGINE_PROPERTY, env == null ? "auto" : env).toLowerCase(Locale.ROOT);
    return switch (forced) {
      case "docker" -> DockerDynamoDbLocal.start();
      case "in-process" -> InProcessDynamoDbLocal.start();
      case "auto" -> DockerDynamoDbLocal.available() ? DockerDynamoDbLocal.start() : InProcessDynamoDbLocal.start();
      default -> throw new IllegalStateException(
          ENGINE_VARIABLE + " must be auto, docker or in-process, got " + forced);
    };
  }
}
