package io.wschat.adapter.apigw;

import io.wschat.adapter.apigw.internal.DaemonThreads;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.port.MessageSender;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * The senders for every Management API endpoint this function answers through. Build it once at init: each
 * endpoint gets one client, on first use, reused by every later invocation. Region and credentials come from the
 * caller so that nothing is probed at cold start; closing it closes the clients and the fan-out threads.
 */
public final class ApiGatewayMessageSenders implements AutoCloseable {

  /**
   * How hard to try. Attempts include the first; 429 and 5xx are retried with jittered exponential backoff from
   * {@code baseDelay} up to {@code maxBackoff}. A chat message is worth little after a second, hence small delays.
   */
  public record Settings(int maxAttempts, Duration baseDelay, Duration maxBackoff, int fanOutThreads) {
    public static final Settings DEFAULTS = new Settings(3, Duration.ofMillis(50), Duration.ofSeconds(1), 8);

    public Settings {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
      }
      Objects.requireNonNull(baseDelay, "baseDelay");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
      if (baseDelay.isNegative() || maxBackoff.compareTo(baseDelay) < 0) {
        throw new IllegalArgumentException("need 0 <= baseDelay <= maxBackoff, got " + baseDelay + ", " + maxBackoff);
      }
      if (fanOutThreads < 1) {
        throw new IllegalArgumentException("fanOutThreads must be at least 1, got " + fanOutThreads);
      }
    }

    public Settings withMaxAttempts(int attempts) {
      return new Settings(attempts, baseDelay, maxBackoff, fanOutThreads);
    }
  }

  // PostToConnection answers in milliseconds; a stuck socket must not eat the Lambda's whole timeout.
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);

  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final Function<OutboundMessage, byte[]> encoder;
  private final Settings settings;
  private final SdkHttpClient httpClient;
  private final ExecutorService fanOut;
  private final Map<URI, Endpoint> endpoints = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private record Endpoint(ApiGatewayManagementApiClient client, ApiGatewayMessageSender sender) {}

  public ApiGatewayMessageSenders(
      Region region, AwsCredentialsProvider credentials, Function<OutboundMessage, byte[]> encoder) {
    this(region, credentials, encoder, Settings.DEFAULTS);
  }

  public ApiGatewayMessageSenders(Region region, AwsCredentialsProvider credentials,
      Function<OutboundMessage, byte[]> encoder, Settings settings) {
    this.region = Objects.requireNonNull(region, "region");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.httpClient = UrlConnectionHttpClient.builder()
        .connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(SOCKET_TIMEOUT)
        .build();
    this.fanOut = DaemonThreads.boundedPool("wschat-post", settings.fanOutThreads());
  }

  /** The endpoint API Gateway gives a stage: {@code https://{domainName}/{stage}}, both from the event. */
  public static URI defaultEndpoint(String domainName, String stage) {
    if (domainName == null || domainName.isBlank() || stage == null || stage.isBlank()) {
      throw new IllegalArgumentException("domainName and stage must not be blank, got " + domainName + ", " + stage);
    }
    try {
      return new URI("https", domainName, "/" + stage, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not an endpoint: https://" + domainName + "/" + stage, e);
    }
  }

  /**
   * The sender for one endpoint, e.g. {@code https://abc123.execute-api.eu-west-1.amazonaws.com/prod} or a custom
   * domain's callback URL. The same endpoint always gets the same sender, over one client.
   */
  public MessageSender forEndpoint(URI endpoint) {
    URI key = normalise(endpoint);
    if (closed) {
      throw new IllegalStateException("the senders are closed");
    }
    return endpoints.computeIfAbsent(key, this::open).sender();
  }

  private Endpoint open(URI endpoint) {
    ApiGatewayManagementApiClient client = ApiGatewayManagementApiClient.builder()
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(credentials)
        .httpClient(httpClient)
        .overrideConfiguration(o -> o.retryStrategy(retryStrategy()))
        .build();
    return new Endpoint(client, new ApiGatewayMessageSender(client, encoder, fanOut));
  }

  // STANDARD mode, per client: its circuit breaker then stops retries to one failing endpoint, not to all.
  private RetryStrategy retryStrategy() {
    BackoffStrategy backoff = BackoffStrategy.exponentialDelay(settings.baseDelay(), settings.maxBackoff());
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(settings.maxAttempts())
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(backoff)
        .build();
  }

  // One key per endpoint however it is spelled, and a clear error for a ws:// URL pasted by mistake.
  private static URI normalise(URI endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || endpoint.getHost() == null
        || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "a Management API endpoint is an http(s) URL such as https://{domainName}/{stage}, got " + endpoint);
    }
    String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
    return URI.create(scheme + "://" + endpoint.getRawAuthority() + path);
  }

  @Override
  public void close() {
    closed = true;
    endpoints.values().forEach(endpoint -> endpoint.client().close());
    endpoints.clear();
    httpClient.close();
    fanOut.shutdown();
  }
}
