package io.wschat.bootstrap;

import io.wschat.adapter.lambda.EventLog;
import io.wschat.domain.model.MessageLimit;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
    Optional<URI> callbackUrl,
    MessageLimit messageLimit,
    EventLog.Level logLevel,
    String region,
    boolean insideLambda,
    AuthMode authMode) {

  public static final String CHAT_STORE = "CHAT_STORE";
  public static final String CONNECTIONS_TABLE = "CONNECTIONS_TABLE";
  public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
  public static final String REDIS_URL = "REDIS_URL";
  public static final String WEBSOCKET_CALLBACK_URL = "WEBSOCKET_CALLBACK_URL";
  public static final String MAX_MESSAGE_BYTES = "MAX_MESSAGE_BYTES";
  public static final String LOG_LEVEL = "LOG_LEVEL";
  public static final String AUTH_MODE = "AUTH_MODE";
  /** Set by AWS Lambda itself; read, never set by us. */
  public static final String AWS_REGION = "AWS_REGION";
  public static final String AWS_LAMBDA_FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";

  /** The variables a deployment sets for the chat function. The template test holds the template to this list. */
  public static final List<String> VARIABLES = List.of(
      CHAT_STORE, CONNECTIONS_TABLE, DYNAMODB_ENDPOINT, REDIS_URL, WEBSOCKET_CALLBACK_URL, MAX_MESSAGE_BYTES, LOG_LEVEL,
      AUTH_MODE);
  /** Of {@link #VARIABLES}, those that only make sense off AWS (DynamoDB Local); the template never sets them. */
  public static final List<String> LOCAL_ONLY_VARIABLES = List.of(DYNAMODB_ENDPOINT);

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
    return from(System.getenv());
  }

  public static ChatConfig from(Map<String, String> env) {
    boolean insideLambda = present(env, AWS_LAMBDA_FUNCTION_NAME).isPresent();
    Store store = store(env);
    if (store == Store.MEMORY && insideLambda) {
      throw new ConfigurationException(CHAT_STORE + "=memory is refused inside AWS Lambda: each container would keep"
          + " its own registry, so users connected through another container could not be reached and messages would"
          + " go missing. Set " + CHAT_STORE + " to dynamodb or redis.");
    }
    Optional<String> table = present(env, CONNECTIONS_TABLE);
    if (store == Store.DYNAMODB && table.isEmpty()) {
      throw new ConfigurationException(CONNECTIONS_TABLE + " is not set; " + CHAT_STORE
          + "=dynamodb needs the name of the connections table");
    }
    Optional<String> redisUrl = present(env, REDIS_URL);
    if (store == Store.REDIS && redisUrl.isEmpty()) {
      throw new ConfigurationException(REDIS_URL + " is not set; " + CHAT_STORE
          + "=redis needs redis://[user:password@]host:port or rediss://… for TLS");
    }
    redisUrl.ifPresent(ChatConfig::checkRedisScheme);
    return new ChatConfig(
        store,
        table,
        present(env, DYNAMODB_ENDPOINT).map(v -> httpUri(DYNAMODB_ENDPOINT, v)),
        redisUrl,
        present(env, WEBSOCKET_CALLBACK_URL).map(v -> httpUri(WEBSOCKET_CALLBACK_URL, v)),
        messageLimit(env),
        logLevel(env),
        present(env, AWS_REGION).orElse("us-east-1"),
        insideLambda,
        authMode(env));
  }

  private static AuthMode authMode(Map<String, String> env) {
    Optional<String> raw = present(env, AUTH_MODE);
    if (raw.isEmpty()) {
      return AuthMode.NONE;
    }
    try {
      return AuthMode.valueOf(raw.get().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(AUTH_MODE + "='" + raw.get() + "' is not a mode; allowed values: none, jwt");
    }
  }

  private static Store store(Map<String, String> env) {
    String allowed = Arrays.stream(Store.values()).map(Store::value).collect(Collectors.joining(", "));
    String raw = present(env, CHAT_STORE).orElseThrow(
        () -> new ConfigurationException(CHAT_STORE + " is not set; allowed values: " + allowed));
    return Arrays.stream(Store.values())
        .filter(s -> s.value().equals(raw.strip().toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> new ConfigurationException(
            CHAT_STORE + "='" + raw + "' is not a store; allowed values: " + allowed));
  }

  private static MessageLimit messageLimit(Map<String, String> env) {
    Optional<String> raw = present(env, MAX_MESSAGE_BYTES);
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
  public static EventLog.Level logLevelOf(Map<String, String> env) {
    return logLevel(env);
  }

  private static EventLog.Level logLevel(Map<String, String> env) {
    Optional<String> raw = present(env, LOG_LEVEL);
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

  private static URI httpUri(String variable, String raw) {
    try {
      URI uri = URI.create(raw.strip());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new ConfigurationException(variable + "='" + raw + "' is not a URL; expected http://host[:port][/path]"
        + " or https://host[:port][/path]");
  }

  private static void checkRedisScheme(String url) {
    String lower = url.strip().toLowerCase(Locale.ROOT);
    if (!lower.startsWith("redis://") && !lower.startsWith("rediss://")) {
      // The value may hold a password: name the variable, never echo it.
      throw new ConfigurationException(REDIS_URL + " must start with redis:// or rediss:// (TLS)");
    }
  }

  private static Optional<String> present(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** Never prints the Redis URL, which may carry a password. */
  @Override
  public String toString() {
    return "ChatConfig[store=" + store.value() + ", connectionsTable=" + connectionsTable.orElse("-")
        + ", dynamoDbEndpoint=" + dynamoDbEndpoint.map(URI::toString).orElse("-")
        + ", redisUrl=" + (redisUrl.isPresent() ? "(set)" : "-")
        + ", callbackUrl=" + callbackUrl.map(URI::toString).orElse("-")
        + ", maxMessageBytes=" + messageLimit.maxBytes() + ", logLevel=" + logLevel + ", region=" + region
        + ", insideLambda=" + insideLambda + ", authMode=" + authMode.name().toLowerCase(Locale.ROOT) + "]";
  }
}
