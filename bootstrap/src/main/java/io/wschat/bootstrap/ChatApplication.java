package io.wschat.bootstrap;

import io.wschat.adapter.apigw.ApiGatewayMessageSenders;
import io.wschat.adapter.emf.EmfMetrics;
import io.wschat.adapter.dynamodb.DynamoDbClients;
import io.wschat.adapter.dynamodb.DynamoDbConnectionRegistry;
import io.wschat.adapter.dynamodb.DynamoDbMessageLog;
import io.wschat.adapter.dynamodb.DynamoDbRateLimiter;
import io.wschat.adapter.lambda.EventLog;
import io.wschat.adapter.lambda.WebSocketEventHandler;
import io.wschat.adapter.lambda.WireProtocol;
import io.wschat.adapter.memory.InMemoryConnectionRegistry;
import io.wschat.adapter.memory.InMemoryMessageLog;
import io.wschat.adapter.memory.InMemoryRateLimiter;
import io.wschat.adapter.redis.RedisConnectionRegistry;
import io.wschat.adapter.redis.RedisMessageLog;
import io.wschat.adapter.redis.RedisRateLimiter;
import io.wschat.adapter.redis.RedisSettings;
import io.wschat.bootstrap.snapstart.Priming;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.RateLimiter;
import io.wschat.domain.usecase.IdentityPolicy;
import io.wschat.metrics.ObservedConnectionRegistry;
import io.wschat.metrics.ObservedMessageLog;
import io.wschat.metrics.ObservedRateLimiter;
import io.wschat.metrics.Metrics;
import io.wschat.metrics.StoreCalls;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.utils.Lazy;

/**
 * The composition root: builds the whole object graph once from a {@link ChatConfig}. Wiring is written out by
 * hand; clients are built here, at init, and reused by every invocation.
 */
public final class ChatApplication implements AutoCloseable {
  private final ConnectionRegistry registry;
  private final ApiGatewayMessageSenders senders;
  private final WebSocketEventHandler handler;
  private final Store store;
  private final Runnable prime;

  private ChatApplication(Store store, ApiGatewayMessageSenders senders, WebSocketEventHandler handler,
      Runnable prime) {
    this.registry = store.registry();
    this.store = store;
    this.senders = senders;
    this.handler = handler;
    this.prime = prime;
  }

  public static ChatApplication wire(ChatConfig config) {
    return wire(config, defaultMetrics(config.insideLambda()));
  }

  /** As {@link #wire(ChatConfig)}, recording metrics in {@code metrics}: the local runner's, or a test's. */
  public static ChatApplication wire(ChatConfig config, Metrics metrics) {
    return wire(config, ChatApplication::sdkSources, metrics);
  }

  static ChatApplication wire(ChatConfig config, Function<URI, AwsCredentialsProvider> otherSources) {
    return wire(config, otherSources, defaultMetrics(config.insideLambda()));
  }

  /**
   * Inside Lambda, CloudWatch EMF on standard output, flushed once per invocation; outside, where nothing reads
   * those lines, none unless the caller passes its own.
   */
  static Metrics defaultMetrics(boolean insideLambda) {
    return insideLambda ? EmfMetrics.toStandardOutput() : Metrics.NONE;
  }

  /**
   * As {@link #wire(ChatConfig)}, with {@code otherSources} giving, for an endpoint (null: the region's), the
   * credential chain's sources after the config's own variables: {@link #sdkSources}, or for tests none.
   */
  static ChatApplication wire(ChatConfig config, Function<URI, AwsCredentialsProvider> otherSources,
      Metrics metrics) {
    LibraryLogging.follow(config.logLevel(), config.insideLambda());
    EventLog log = new EventLog(config.logLevel());
    WireProtocol protocol = new WireProtocol(config.messageLimit());
    Region region = Region.of(config.region());
    AwsCredentialsProvider lambda = config.insideLambda() ? lambdaCredentials() : null;
    Function<URI, AwsCredentialsProvider> standard = endpoint -> standardChain(config, otherSources, endpoint);
    ApiGatewayMessageSenders senders = new ApiGatewayMessageSenders(
        region, managementApiCredentials(lambda, config.callbackUrl().orElse(null), standard), protocol::encode,
        ApiGatewayMessageSenders.Settings.DEFAULTS, new ManagementApiMetrics(metrics));
    Optional<String> redisPassword = config.redisPasswordSecret().map(secret -> readSecret(config, region,
        credentials(lambda, config.secretsManagerEndpoint().orElse(null), standard), log,
        ChatConfig.REDIS_PASSWORD_SECRET, secret));
    Store store = observed(openStore(config, region, credentials(lambda, config.dynamoDbEndpoint().orElse(null),
        standard), redisPassword), storeCalls(config, log, metrics));
    IdentityPolicy identity = config.authMode() == ChatConfig.AuthMode.JWT ? IdentityPolicy.VERIFIED : IdentityPolicy.OPEN;
    if (identity == IdentityPolicy.OPEN) {
      log.log(null, EventLog.Level.WARN, "auth_disabled", Map.of("warning", "AUTH_MODE=none: ANYONE CAN REGISTER AS"
          + " ANY USER AND READ THEIR PRIVATE MESSAGES, INCLUDING THEIR STORED HISTORY AND THE MESSAGES WAITING FOR"
          + " THEM. Use AUTH_MODE=jwt with the $connect authorizer when deployed."));
    }
    WebSocketEventHandler handler = new WebSocketEventHandler(store.registry(), store.messages(),
        new ChatStages(store.registry(), store.messages(), store.limiter(), senders, config.callbackUrl()), protocol,
        log, identity, config.acknowledgements(), metrics, LambdaTraceHeader.ids());
    log.log(null, EventLog.Level.INFO, "init", Map.of("store", config.store().name().toLowerCase(),
        "callback", config.callbackUrl().map(URI::toString).orElse("from each event"),
        "acknowledgeVia", config.acknowledgements().value(),
        "messageRetention", config.messageRetention().map(Duration::toString).orElse("none"),
        "sendRate", config.sendRate().map(Object::toString).orElse("none")));
    boolean dynamodb = config.store() == ChatConfig.Store.DYNAMODB;
    // EMF too: its first flush loads Jackson's databind, which the rest of the chat does not use.
    return new ChatApplication(store, senders, handler, () -> {
      Priming.run(protocol, region, dynamodb, config.acknowledgements());
      EmfMetrics.prime();
    });
  }

  public WebSocketEventHandler handler() {
    return handler;
  }

  public ConnectionRegistry registry() {
    return registry;
  }

  /** Warms the hot path without sending anything or changing any data; see {@link Priming}. */
  public void prime() {
    prime.run();
  }

  /** Drops the store's idle connections, which would not survive a snapshot; the next use opens fresh ones. */
  public void dropConnections() {
    store.dropConnections().run();
  }

  /**
   * Inside Lambda the credentials come from the environment, with no probing of profiles or instance metadata:
   * as variables on an ordinary function, and from the container credentials endpoint on a SnapStart function,
   * which gets no AWS_ACCESS_KEY_ID. The container provider is built on first use: an ordinary function never
   * needs it, and building it cost ~30-60 ms of every cold start. One chain serves both clients.
   */
  static AwsCredentialsProvider lambdaCredentials() {
    Lazy<AwsCredentialsProvider> container = new Lazy<>(ContainerCredentialsProvider::create);
    AwsCredentialsProvider containerOnFirstUse = () -> container.getValue().resolveCredentials();
    return AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(), containerOnFirstUse);
  }

  /**
   * For the Management API: as {@link #credentials}, except that a loopback endpoint (the local gateway, which
   * checks no signature) gets anonymous credentials, so the SDK signs nothing: SigV4 was ~9% of the local
   * gateway's CPU under load, spent on signatures nobody reads.
   */
  static AwsCredentialsProvider managementApiCredentials(AwsCredentialsProvider lambda, URI endpoint,
      Function<URI, AwsCredentialsProvider> standard) {
    if (lambda == null && endpoint != null && isLoopback(endpoint)) {
      return AnonymousCredentialsProvider.create();
    }
    return credentials(lambda, endpoint, standard);
  }

  /** What a loopback endpoint (DynamoDB Local) signs with when the standard chain yields no credentials. */
  static final AwsCredentials LOCAL_PAIR = AwsBasicCredentials.create("local", "local");

  /**
   * The Lambda chain when given. Outside Lambda, the standard chain; for a loopback endpoint (DynamoDB Local, a
   * local Secrets Manager) it falls back to {@link #LOCAL_PAIR} only when the chain yields nothing, since DynamoDB
   * Local keeps one set of tables per access key and region: a table created with the AWS CLI under the user's
   * own keys must be read under the same keys. The chain remembers which source answered, so a machine without
   * credentials probes once.
   */
  static AwsCredentialsProvider credentials(AwsCredentialsProvider lambda, URI endpoint,
      Function<URI, AwsCredentialsProvider> standard) {
    if (lambda != null) {
      return lambda;
    }
    if (endpoint != null && isLoopback(endpoint)) {
      return AwsCredentialsProviderChain.builder().reuseLastProviderEnabled(true)
          .credentialsProviders(standard.apply(endpoint), StaticCredentialsProvider.create(LOCAL_PAIR)).build();
    }
    return standard.apply(endpoint);
  }

  /**
   * What the chat signs with outside Lambda for {@code endpoint} when its variables are the process's own, as in the
   * local runner: tools that create or check its tables there (DynamoDB Local) must sign the same way.
   */
  public static AwsCredentialsProvider credentialsOutsideLambda(URI endpoint) {
    return credentials(null, endpoint, ChatApplication::sdkSources);
  }

  /** The config's own AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY first (the chain's environment step), then the rest. */
  static AwsCredentialsProvider standardChain(ChatConfig config, Function<URI, AwsCredentialsProvider> otherSources,
      URI endpoint) {
    return config.environmentCredentials().<AwsCredentialsProvider>map(StaticCredentialsProvider::create)
        .orElseGet(() -> otherSources.apply(endpoint));
  }

  /**
   * The SDK's default chain; for a loopback endpoint the same sources in the same order (system properties,
   * environment, profile files, container endpoint) but the EC2 instance metadata, which a laptop without
   * credentials would probe for ~10 s before the local pair takes over.
   */
  static AwsCredentialsProvider sdkSources(URI endpoint) {
    if (endpoint != null && isLoopback(endpoint)) {
      return AwsCredentialsProviderChain.of(SystemPropertyCredentialsProvider.create(),
          EnvironmentVariableCredentialsProvider.create(), ProfileCredentialsProvider.create(),
          ContainerCredentialsProvider.create());
    }
    return DefaultCredentialsProvider.builder().build();
  }

  static boolean isLoopback(URI endpoint) {
    try {
      return endpoint.getHost() != null && InetAddress.getByName(endpoint.getHost()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public void close() throws Exception {
    try (AutoCloseable resources = store.resources(); senders) {
      // both closed, in reverse order, even if one fails
    }
  }

  private static RedisSettings redisSettings(String url, Optional<String> password) {
    try {
      // With the password from the secret, rediss://user@host names the ACL user whose password it is.
      return password.isEmpty() ? RedisSettings.fromUrl(url) : RedisSettings.fromUrl(url, password.get());
    } catch (IllegalArgumentException e) {
      if (RedisSettings.HOLDS_A_PASSWORD.equals(e.getMessage())) {
        throw new ConfigurationException(ChatConfig.REDIS_URL + " holds a password and "
            + ChatConfig.REDIS_PASSWORD_SECRET + " names another; keep it in the secret only: redis://[user@]host:port");
      }
      // The adapter's message never repeats the URL, which may hold a password.
      throw new ConfigurationException(ChatConfig.REDIS_URL + " is not usable: " + e.getMessage());
    }
  }

  /**
   * One secret, read at init on a client built for it and closed after: nothing reads a secret after init, and a
   * SnapStart snapshot keeps what was read. Logs how long it took, never the value.
   */
  static String readSecret(ChatConfig config, Region region, AwsCredentialsProvider credentials, EventLog log,
      String variable, String secretId) {
    long start = System.nanoTime();
    try (SecretsManagerSecrets secrets = new SecretsManagerSecrets(region, credentials,
        config.secretsManagerEndpoint())) {
      String value = secrets.secretString(variable, secretId);
      log.log(null, EventLog.Level.INFO, "secret_read", Map.of("variable", variable, "secret", secretId,
          "ms", Duration.ofNanos(System.nanoTime() - start).toMillis()));
      return value;
    }
  }

  /**
   * A registry, message log and send-rate limiter, whatever must be closed with them, and how to drop connections
   * around a snapshot.
   */
  record Store(ConnectionRegistry registry, MessageLog messages, RateLimiter limiter, AutoCloseable resources,
      Runnable dropConnections) {}

  /**
   * What runs around every store call: timed, and counted when it fails, by store and operation; and, outside memory,
   * which cannot be unreachable, the {@link StoreOutage} watch, which names where the store is when it fails: the
   * variables that say so and the address, never a password.
   */
  static StoreCalls storeCalls(ChatConfig config, EventLog log, Metrics metrics) {
    StoreCalls metered = StoreCalls.metered(metrics, config.store().name().toLowerCase(java.util.Locale.ROOT));
    String where = switch (config.store()) {
      case MEMORY -> null;
      case DYNAMODB -> ChatConfig.DYNAMODB_ENDPOINT + "=" + config.dynamoDbEndpoint().map(URI::toString)
          .orElse("(the region's, " + config.region() + ")") + " " + ChatConfig.CONNECTIONS_TABLE + "="
          + config.connectionsTable().orElse("-")
          + config.messagesTable().map(t -> " " + ChatConfig.MESSAGES_TABLE + "=" + t).orElse("");
      // With a secret, a user-only URL names the user whose password it holds; it shows as user:***@ all the same.
      case REDIS -> ChatConfig.REDIS_URL + "=" + (config.redisPasswordSecret().isPresent()
          ? RedisSettings.fromUrl(config.redisUrl().orElseThrow(), "***")
          : RedisSettings.fromUrl(config.redisUrl().orElseThrow())).redactedUrl();
    };
    return where == null ? metered : metered.around(new StoreOutage(log, where));
  }

  /** The store with every call of its ports going through {@code calls}. */
  static Store observed(Store store, StoreCalls calls) {
    return new Store(new ObservedConnectionRegistry(store.registry(), calls), ObservedMessageLog.of(store.messages(),
        calls), ObservedRateLimiter.of(store.limiter(), calls), store.resources(), store.dropConnections());
  }

  /** Opens the configured store, with whatever must be closed with it. */
  static Store openStore(ChatConfig config, Region region, AwsCredentialsProvider credentials,
      Optional<String> redisPassword) {
    return switch (config.store()) {
      case MEMORY -> new Store(new InMemoryConnectionRegistry(),
          config.messageRetention().<MessageLog>map(r -> new InMemoryMessageLog(Clock.systemUTC(), r))
              .orElse(MessageLog.NONE),
          config.sendRate().<RateLimiter>map(InMemoryRateLimiter::new).orElse(RateLimiter.NONE),
          () -> {}, () -> {});
      case DYNAMODB -> {
        DynamoDbClient client = DynamoDbClients.create(region, credentials, config.dynamoDbEndpoint());
        // Its HTTP connections are the SDK's: a dead one fails fast and the standard retry opens another.
        MessageLog messages = config.messageRetention().<MessageLog>map(retention -> new DynamoDbMessageLog(client,
            config.messagesTable().orElseThrow(), Clock.systemUTC(), retention)).orElse(MessageLog.NONE);
        // The buckets live in the connections table, beside the connections (docs/storage.md).
        RateLimiter limiter = config.sendRate().<RateLimiter>map(rate -> new DynamoDbRateLimiter(client,
            config.connectionsTable().orElseThrow(), rate)).orElse(RateLimiter.NONE);
        yield new Store(new DynamoDbConnectionRegistry(client, config.connectionsTable().orElseThrow()),
            messages, limiter, client, () -> {});
      }
      case REDIS -> {
        RedisSettings settings = redisSettings(config.redisUrl().orElseThrow(), redisPassword);
        // One pool per adapter, each owned and closed by it; in Lambda each holds one connection. Null: not used.
        RedisConnectionRegistry redis = RedisConnectionRegistry.create(settings);
        RedisMessageLog log = config.messageRetention()
            .map(retention -> RedisMessageLog.create(settings, Clock.systemUTC(), retention)).orElse(null);
        RedisRateLimiter limiter = config.sendRate().map(rate -> RedisRateLimiter.create(settings, rate)).orElse(null);
        AutoCloseable all = () -> {
          try (redis; log; limiter) {
            // all closed, in reverse order, even if one fails; a null one is skipped
          }
        };
        Runnable drop = () -> {
          redis.dropIdleConnections();
          Optional.ofNullable(log).ifPresent(RedisMessageLog::dropIdleConnections);
          Optional.ofNullable(limiter).ifPresent(RedisRateLimiter::dropIdleConnections);
        };
        yield new Store(redis, log == null ? MessageLog.NONE : log, limiter == null ? RateLimiter.NONE : limiter, all,
            drop);
      }
    };
  }
}
