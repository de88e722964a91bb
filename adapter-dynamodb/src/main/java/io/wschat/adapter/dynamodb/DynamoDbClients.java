package io.wschat.adapter.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the DynamoDB client the registry and the message log need. Build it once at init and reuse it for every
 * invocation. Region and credentials come from the caller so that nothing is probed at cold start.
 */
public final class DynamoDbClients {
  // A registry request answers in milliseconds; a stuck socket must not eat the Lambda's whole timeout.
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);

  private DynamoDbClients() {}

  /**
   * A client on the slim URL-connection HTTP client with the SDK's STANDARD retry strategy (3 attempts, jittered
   * backoff for throttling and 5xx, then the exception surfaces). {@code endpoint} overrides the regional endpoint,
   * e.g. {@code http://localhost:8000} for DynamoDB Local; {@code interceptors} are for tests and metrics.
   */
  public static DynamoDbClient create(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint,
      ExecutionInterceptor... interceptors) {
    DynamoDbClientBuilder builder = DynamoDbClient.builder()
        .region(Objects.requireNonNull(region, "region"))
        .credentialsProvider(Objects.requireNonNull(credentials, "credentials"))
        // Given as a builder, the SDK owns the HTTP client and closes it with the DynamoDbClient.
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(SOCKET_TIMEOUT))
        .overrideConfiguration(o -> o
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy())
            .executionInterceptors(List.of(interceptors)));
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
