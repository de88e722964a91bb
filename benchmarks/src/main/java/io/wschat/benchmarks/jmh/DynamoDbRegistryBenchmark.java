package io.wschat.benchmarks.jmh;

import io.wschat.adapter.dynamodb.DynamoDbClients;
import io.wschat.adapter.dynamodb.DynamoDbConnectionRegistry;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@link DynamoDbConnectionRegistry} against DynamoDB Local, one thread, one request per operation. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DynamoDbRegistryBenchmark extends RegistryBenchmark {
  public static final String ENDPOINT = "wschat.bench.dynamodb.endpoint";
  public static final String TABLE = "wschat.bench.dynamodb.table";

  private DynamoDbClient client;

  @Setup
  public void setUp() {
    client = DynamoDbClients.create(Region.US_EAST_1,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
        Optional.of(URI.create(RegistryOperations.property(ENDPOINT))));
    registry = new DynamoDbConnectionRegistry(client, RegistryOperations.property(TABLE));
    RegistryOperations.prepare(registry);
  }

  @TearDown
  public void tearDown() {
    client.close();
  }
}
