package io.wschat.engines;

import java.net.URI;
import java.util.Locale;

/**
 * A real DynamoDB Local, empty and in memory, reachable over HTTP on loopback; the caller closes it. {@link #start} picks the engine as the tests want it: the {@code amazon/dynamodb-local} image through
 * Testcontainers when Docker answers, else DynamoDB Local from Maven Central inside this JVM. Set
 * {@value #ENGINE_VARIABLE} (or {@code -D}{@value #ENGINE_PROPERTY}) to {@code docker} or {@code in-process} to
 * force one. {@link #inProcess} never uses Docker: the local chat and the benchmarks want no container hop.
 */
public interface DynamoDbServer extends AutoCloseable {
  String ENGINE_PROPERTY = "wschat.dynamodb.engine";
  String ENGINE_VARIABLE = "WSCHAT_DYNAMODB_ENGINE";

  /** Docker or in-process, as described above. */
  static DynamoDbServer start() {
    String env = System.getenv(ENGINE_VARIABLE);
    String forced = System.getProperty(ENGINE_PROPERTY, env == null ? "auto" : env).toLowerCase(Locale.ROOT);
    return switch (forced) {
      case "docker" -> DockerDynamoDbLocal.start();
      case "in-process" -> InProcessDynamoDbLocal.start();
      case "auto" -> DockerProbe.available() ? DockerDynamoDbLocal.start() : InProcessDynamoDbLocal.start();
      default -> throw new IllegalStateException(
          ENGINE_VARIABLE + " must be auto, docker or in-process, got " + forced);
    };
  }

  /** DynamoDB Local in this JVM, served by our own Jetty on a free loopback port, with no telemetry. */
  static DynamoDbServer inProcess() {
    return InProcessDynamoDbLocal.start();
  }

  URI endpoint();

  /** What runs, for a log line, e.g. "DynamoDB Local in this JVM (started in 800 ms)". */
  String description();

  @Override
  void close();
}
