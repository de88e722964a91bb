package io.wschat.adapter.apigw;

import io.wschat.adapter.apigw.internal.DaemonThreads;
import io.wschat.domain.model.OutboundMessage;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * Opens senders for the Management API endpoints this function answers through, over one shared HTTP client and
 * one fan-out pool. Build it once at init; the caller keeps what it opens (one sender per endpoint, reused by every
 * later invocation). Region and credentials come from the caller so that nothing is probed at cold start; closing
 * it closes every client it opened and the fan-out threads.
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
  private final PostListener listener;
  private final List<ApiGatewayManagementApiClient> clients = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  public ApiGatewayMessageSenders(
      Region region, AwsCredentialsProvider credentials, Function<OutboundMessage, byte[]> encoder) {
    this(region, credentials, encoder, Settings.DEFAULTS);
  }

  public ApiGatewayMessageSenders(Region region, AwsCredentialsProvider credentials,
      Function<OutboundMessage, byte[]> encoder, Settings settings) {
    this(region, credentials, encoder, settings, PostListener.NONE);
  }

  /** As above; every sender it opens tells {@code listener} how each PostToConnection ended. */
  public ApiGatewayMessageSenders(Region region, AwsCredentialsProvider credentials,
      Function<OutboundMessage, byte[]> encoder, Settings settings, PostListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
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
   * A new sender, over a new client, for one endpoint, e.g. {@code https://abc123.execute-api.eu-west-1.amazonaws.com/prod}
   * or a custom domain's callback URL ({@link #endpoint} spells it). Open each endpoint once and keep its sender.
   */
  public ApiGatewayMessageSender open(URI endpoint) {
    URI checked = endpoint(Objects.requireNonNull(endpoint, "endpoint").toString());
    if (closed) {
      throw new IllegalStateException("the senders are closed");
    }
    ApiGatewayManagementApiClient client = ApiGatewayManagementApiClient.builder()
        .endpointOverride(checked)
        .region(region)
        .credentialsProvider(credentials)
        .httpClient(httpClient)
        .overrideConfiguration(o -> o.retryStrategy(retryStrategy()))
        .build();
    clients.add(client);
    return new ApiGatewayMessageSender(client, encoder, fanOut, listener);
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

  /**
   * The rule for a Management API endpoint, the one both configuration and sending use: an http(s) URL with a host
   * and no query or fragment, spelled one way however it was written (lower-case scheme, no trailing slash).
   * Anything else, such as a ws:// URL pasted by mistake, is an {@link IllegalArgumentException} saying so.
   */
  public static URI endpoint(String raw) {
    URI endpoint;
    try {
      endpoint = URI.create(Objects.requireNonNull(raw, "endpoint").strip());
    } catch (IllegalArgumentException e) {
      throw notAnEndpoint(raw);
    }
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || endpoint.getHost() == null
        || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
      throw notAnEndpoint(raw);
    }
    String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
    return URI.create(scheme + "://" + endpoint.getRawAuthority() + path);
  }

  private static IllegalArgumentException notAnEndpoint(String raw) {
    return new IllegalArgumentException("a Management API endpoint is an http(s) URL with no query or fragment, such"
        + " as https://{domainName}/{stage}; got " + raw);
  }

  @Override
  public void close() {
    closed = true;
    clients.forEach(ApiGatewayManagementApiClient::close);
    clients.clear();
    httpClient.close();
    fanOut.shutdown();
  }
}
