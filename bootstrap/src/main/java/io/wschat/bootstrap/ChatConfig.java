package io.wschat.bootstrap;

import io.wschat.adapter.apigw.ApiGatewayMessageSenders;
import io.wschat.adapter.lambda.Acknowledgements;
import io.wschat.adapter.lambda.EventLog;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.model.SendRate;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Every setting of the chat, read once at init from environment variables (or a Map, for tests and the local
 * runner). This is the only place that reads configuration; a wrong or missing value fails here, naming the
 * variable and its allowed values.
 */
public record ChatConfig(
    Store store,
    Optional<String> connectionsTable,
    Optional<URI> dynamoDbEndpoint,
    Optional<String> redisUrl,
    Optional<String> redisPasswordSecret,
    Optional<URI> secretsManagerEndpoint,
    Optional<URI> callbackUrl,
    MessageLimit messageLimit,
    EventLog.Level logLevel,
    String region,
    boolean insideLambda,
    AuthMode authMode,
    Acknowledgements acknowledgements,
    Optional<Duration> messageRetention,
    Optional<String> messagesTable,
    Optional<SendRate> sendRate,
    Optional<AwsCredentials> environmentCredentials) {

  public static final String CHAT_STORE = "CHAT_STORE";
  public static final String CONNECTIONS_TABLE = "CONNECTIONS_TABLE";
  public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
  public static final String REDIS_URL = "REDIS_URL";
  /** The ARN (or name) of the Secrets Manager secret that holds the Redis password; never the password itself. */
  public static final String REDIS_PASSWORD_SECRET = "REDIS_PASSWORD_SECRET";
  /** Another Secrets Manager endpoint than the region's, for tests against a local one. */
  public static final String SECRETS_MANAGER_ENDPOINT = "SECRETS_MANAGER_ENDPOINT";
  public static final String WEBSOCKET_CALLBACK_URL = "WEBSOCKET_CALLBACK_URL";
  public static final String MAX_MESSAGE_BYTES = "MAX_MESSAGE_BYTES";
  public static final String LOG_LEVEL = "LOG_LEVEL";
  public static final String AUTH_MODE = "AUTH_MODE";
  public static final String ACKNOWLEDGE_VIA = "ACKNOWLEDGE_VIA";
  public static final String MESSAGE_RETENTION = "MESSAGE_RETENTION";
  public static final String MESSAGES_TABLE = "MESSAGES_TABLE";
  /** Each user's average send rate; {@code none} turns the limit off. */
  public static final String MESSAGES_PER_SECOND = "MESSAGES_PER_SECOND";
  /** How many messages a user may send at once after a pause. */
  public static final String MESSAGE_BURST = "MESSAGE_BURST";
  /** How long messages are kept when {@link #MESSAGE_RETENTION} is not set. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
  /** The shortest {@link #MESSAGE_RETENTION} allowed; the local runner checks its --retention against it too. */
  public static final Duration MINIMUM_RETENTION = Duration.ofMinutes(1);
  /** Set by AWS Lambda itself; read, never set by us. */
  public static final String AWS_REGION = "AWS_REGION";
  public static final String AWS_LAMBDA_FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";
  /**
   * The standard AWS credential variables, read from the same variables as everything else (so a test or the local
   * runner passes them in its Map): the first source of the credential chain, see {@link ChatApplication#credentials}.
   */
  public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  public static final String AWS_SESSION_TOKEN = "AWS_SESSION_TOKEN";

  /** The variables a deployment sets for the chat function. The template test holds the template to this list. */
  public static final List<String> VARIABLES = List.of(
      CHAT_STORE, CONNECTIONS_TABLE, DYNAMODB_ENDPOINT, REDIS_URL, REDIS_PASSWORD_SECRET, SECRETS_MANAGER_ENDPOINT,
      WEBSOCKET_CALLBACK_URL, MAX_MESSAGE_BYTES, LOG_LEVEL, AUTH_MODE, ACKNOWLEDGE_VIA, MESSAGE_RETENTION, MESSAGES_TABLE,
      MESSAGES_PER_SECOND, MESSAGE_BURST);
  /** Of {@link #VARIABLES}, those that only make sense off AWS (local engines); the template never sets them. */
  public static final List<String> LOCAL_ONLY_VARIABLES = List.of(DYNAMODB_ENDPOINT, SECRETS_MANAGER_ENDPOINT);

  /** none: anyone may register as anyone (local runs); jwt: the $connect authorizer's verified user only. */
  public enum AuthMode {
    NONE,
    JWT
  }

  public enum Store {
    MEMORY,
    DYNAMODB,
    REDIS;

    String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static ChatConfig fromEnvironment() {
    return from(Environment.ofProcess());
  }

  public static ChatConfig from(Map<String, String> variables) {
    return from(new Environment(variables));
  }

  /** Lambda sets {@value #AWS_LAMBDA_FUNCTION_NAME} in every function's environment; nothing else here does. */
  static boolean insideLambda(Environment env) {
    return env.get(AWS_LAMBDA_FUNCTION_NAME).isPresent();
  }

  public static ChatConfig from(Environment env) {
    boolean insideLambda = insideLambda(env);
    Store store = store(env);
    if (store == Store.MEMORY && insideLambda) {
      throw new ConfigurationException(CHAT_STORE + "=memory is refused inside AWS Lambda: each container would keep"
          + " its own registry, so users connected through another container could not be reached and messages would"
          + " go missing. Set " + CHAT_STORE + " to dynamodb or redis.");
    }
    Optional<String> table = store == Store.DYNAMODB
        ? Optional.of(env.required(CONNECTIONS_TABLE, CHAT_STORE + "=dynamodb needs the name of the connections table"))
        : env.get(CONNECTIONS_TABLE);
    Optional<String> redisUrl = store == Store.REDIS
        ? Optional.of(env.required(REDIS_URL, CHAT_STORE
            + "=redis needs redis://[user:password@]host:port or rediss://… for TLS"))
        : env.get(REDIS_URL);
    redisUrl.ifPresent(ChatConfig::checkRedisScheme);
    Optional<String> redisPasswordSecret = env.get(REDIS_PASSWORD_SECRET).map(String::strip);
    if (redisPasswordSecret.isPresent() && store != Store.REDIS) {
      throw new ConfigurationException(REDIS_PASSWORD_SECRET + " is only read with " + CHAT_STORE + "=redis; unset it"
          + " or set " + CHAT_STORE + "=redis");
    }
    Optional<Duration> retention = retention(env);
    Optional<String> messagesTable = store == Store.DYNAMODB && retention.isPresent()
        ? Optional.of(env.required(MESSAGES_TABLE, CHAT_STORE + "=dynamodb keeps messages in a table of their own;"
            + " name it, or set " + MESSAGE_RETENTION + "=none to keep no messages"))
        : env.get(MESSAGES_TABLE);
    return new ChatConfig(
        store,
        table,
        env.httpUrl(DYNAMODB_ENDPOINT),
        redisUrl,
        redisPasswordSecret,
        env.httpUrl(SECRETS_MANAGER_ENDPOINT),
        env.get(WEBSOCKET_CALLBACK_URL).map(ChatConfig::callbackUrl),
        messageLimit(env),
        logLevelOf(env),
        env.get(AWS_REGION).orElse("us-east-1"),
        insideLambda,
        authMode(env),
        acknowledgements(env),
        retention,
        messagesTable,
        sendRate(env),
        environmentCredentials(env));
  }

  /** The key pair (and session token) of the variables, if set; one without the other is refused. */
  private static Optional<AwsCredentials> environmentCredentials(Environment env) {
    Optional<String> id = env.get(AWS_ACCESS_KEY_ID).map(String::strip);
    Optional<String> secret = env.get(AWS_SECRET_ACCESS_KEY).map(String::strip);
    if (id.isEmpty() && secret.isEmpty()) {
      return Optional.empty();
    }
    if (id.isEmpty() || secret.isEmpty()) {
      throw new ConfigurationException((id.isEmpty() ? AWS_SECRET_ACCESS_KEY + " is set without " + AWS_ACCESS_KEY_ID
          : AWS_ACCESS_KEY_ID + " is set without " + AWS_SECRET_ACCESS_KEY) + "; set both, or neither to use the"
          + " other sources of the AWS credential chain (profile, container, instance)");
    }
    Optional<String> token = env.get(AWS_SESSION_TOKEN).map(String::strip);
    return Optional.of(token.<AwsCredentials>map(t -> AwsSessionCredentials.create(id.get(), secret.get(), t))
        .orElseGet(() -> AwsBasicCredentials.create(id.get(), secret.get())));
  }

  /** Empty when sends are not limited. Both variables are checked, even when the limit is off. */
  private static Optional<SendRate> sendRate(Environment env) {
    String rateAllowed = "a number of messages per second per user, more than 0 and at most "
        + (long) SendRate.MAX_PER_SECOND + ", such as 10 or 0.5 (default " + (long) SendRate.DEFAULT_PER_SECOND
        + "), or none to turn the limit off";
    String burstAllowed = "a whole number of messages from 1 to " + SendRate.MAX_BURST + " (default "
        + SendRate.DEFAULT_BURST + ")";
    int burst = env.get(MESSAGE_BURST).map(raw -> {
      String value = raw.strip();
      if (value.matches("[0-9]{1,7}")) {
        int parsed = Integer.parseInt(value);
        if (parsed >= 1 && parsed <= SendRate.MAX_BURST) {
          return parsed;
        }
        throw new ConfigurationException(MESSAGE_BURST + "=" + value + " is out of range; allowed: " + burstAllowed);
      }
      throw new ConfigurationException(MESSAGE_BURST + "='" + raw + "' is not a whole number; allowed: " + burstAllowed);
    }).orElse(SendRate.DEFAULT_BURST);
    Optional<String> raw = env.get(MESSAGES_PER_SECOND);
    if (raw.isPresent() && raw.get().strip().equalsIgnoreCase("none")) {
      return Optional.empty();
    }
    double perSecond = raw.map(r -> {
      String value = r.strip();
      if (!value.matches("[0-9]{1,7}(\\.[0-9]{1,6})?")) {
        throw new ConfigurationException(MESSAGES_PER_SECOND + "='" + r + "' is not a number; allowed: " + rateAllowed);
      }
      return Double.parseDouble(value);
    }).orElse(SendRate.DEFAULT_PER_SECOND);
    try {
      return Optional.of(new SendRate(perSecond, burst));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(MESSAGES_PER_SECOND + "=" + raw.orElse("") + " is out of range; allowed: "
          + rateAllowed);
    }
  }

  /** Empty when messages are not kept at all. */
  private static Optional<Duration> retention(Environment env) {
    Optional<String> raw = env.get(MESSAGE_RETENTION);
    if (raw.isEmpty()) {
      return Optional.of(DEFAULT_RETENTION);
    }
    String value = raw.get().strip();
    if (value.equalsIgnoreCase("none")) {
      return Optional.empty();
    }
    String allowed = "an ISO-8601 duration of at least a minute such as P30D or PT12H (default P30D), or none to keep"
        + " no messages";
    try {
      Duration retention = Duration.parse(value);
      if (retention.compareTo(MINIMUM_RETENTION) < 0) {
        throw new ConfigurationException(MESSAGE_RETENTION + "=" + value + " is too short; allowed: " + allowed);
      }
      return Optional.of(retention);
    } catch (DateTimeParseException e) {
      throw new ConfigurationException(MESSAGE_RETENTION + "='" + value + "' is not a duration; allowed: " + allowed);
    }
  }

  /** Checked by the rule the sender applies to every endpoint, so a value accepted here is one it can use. */
  private static URI callbackUrl(String raw) {
    try {
      return ApiGatewayMessageSenders.endpoint(raw);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(WEBSOCKET_CALLBACK_URL + " is not usable: " + e.getMessage());
    }
  }

  private static Acknowledgements acknowledgements(Environment env) {
    Optional<String> raw = env.get(ACKNOWLEDGE_VIA);
    if (raw.isEmpty()) {
      return Acknowledgements.ROUTE_RESPONSE;
    }
    return Acknowledgements.of(raw.get()).orElseThrow(() -> new ConfigurationException(ACKNOWLEDGE_VIA + "='"
        + raw.get() + "' is not a way to acknowledge; allowed values: " + Acknowledgements.allowed()
        + " (route-response needs two-way routes, post works on any)"));
  }

  private static AuthMode authMode(Environment env) {
    Optional<String> raw = env.get(AUTH_MODE);
    if (raw.isEmpty()) {
      return AuthMode.NONE;
    }
    try {
      return AuthMode.valueOf(raw.get().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(AUTH_MODE + "='" + raw.get() + "' is not a mode; allowed values: none, jwt");
    }
  }

  private static Store store(Environment env) {
    String allowed = Arrays.stream(Store.values()).map(Store::value).collect(Collectors.joining(", "));
    String raw = env.required(CHAT_STORE, "allowed values: " + allowed);
    return Arrays.stream(Store.values())
        .filter(s -> s.value().equals(raw.strip().toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> new ConfigurationException(
            CHAT_STORE + "='" + raw + "' is not a store; allowed values: " + allowed));
  }

  private static MessageLimit messageLimit(Environment env) {
    Optional<String> raw = env.get(MAX_MESSAGE_BYTES);
    if (raw.isEmpty()) {
      return MessageLimit.DEFAULT;
    }
    String allowed = "a whole number of bytes from 1 to " + MessageLimit.CEILING_BYTES
        + " (default " + MessageLimit.DEFAULT_BYTES + ")";
    try {
      int bytes = Integer.parseInt(raw.get().strip());
      if (bytes < 1 || bytes > MessageLimit.CEILING_BYTES) {
        throw new ConfigurationException(MAX_MESSAGE_BYTES + "=" + bytes + " is out of range; allowed: " + allowed);
      }
      return new MessageLimit(bytes);
    } catch (NumberFormatException e) {
      throw new ConfigurationException(MAX_MESSAGE_BYTES + "='" + raw.get() + "' is not a number; allowed: " + allowed);
    }
  }

  /** LOG_LEVEL alone, for functions that need no other chat setting (the authorizer). */
  public static EventLog.Level logLevelOf(Environment env) {
    Optional<String> raw = env.get(LOG_LEVEL);
    if (raw.isEmpty()) {
      return EventLog.Level.INFO;
    }
    String allowed = Arrays.stream(EventLog.Level.values()).map(Enum::name).collect(Collectors.joining(", "));
    try {
      return EventLog.Level.valueOf(raw.get().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(LOG_LEVEL + "='" + raw.get() + "' is not a level; allowed values: " + allowed);
    }
  }

  private static void checkRedisScheme(String url) {
    String lower = url.strip().toLowerCase(Locale.ROOT);
    if (!lower.startsWith("redis://") && !lower.startsWith("rediss://") && !lower.startsWith("redis+cluster://")
        && !lower.startsWith("rediss+cluster://")) {
      // The value may hold a password: name the variable, never echo it.
      throw new ConfigurationException(REDIS_URL + " must start with redis:// or rediss:// (TLS), or for a Redis"
          + " Cluster or ElastiCache Serverless redis+cluster:// or rediss+cluster://");
    }
  }

  /** Never prints the Redis URL, which may carry a password. */
  @Override
  public String toString() {
    return "ChatConfig[store=" + store.value() + ", connectionsTable=" + connectionsTable.orElse("-")
        + ", dynamoDbEndpoint=" + dynamoDbEndpoint.map(URI::toString).orElse("-")
        + ", redisUrl=" + (redisUrl.isPresent() ? "(set)" : "-")
        + ", redisPasswordSecret=" + redisPasswordSecret.orElse("-")
        + ", callbackUrl=" + callbackUrl.map(URI::toString).orElse("-")
        + ", maxMessageBytes=" + messageLimit.maxBytes() + ", logLevel=" + logLevel + ", region=" + region
        + ", insideLambda=" + insideLambda + ", authMode=" + authMode.name().toLowerCase(Locale.ROOT)
        + ", acknowledgeVia=" + acknowledgements.value()
        + ", messageRetention=" + messageRetention.map(Duration::toString).orElse("none")
        + ", messagesTable=" + messagesTable.orElse("-")
        + ", sendRate=" + sendRate.map(SendRate::toString).orElse("none")
        + ", environmentCredentials=" + environmentCredentials.map(c -> c.accessKeyId()).orElse("-") + "]";
  }
}
