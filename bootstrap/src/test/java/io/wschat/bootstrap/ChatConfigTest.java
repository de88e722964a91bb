package io.wschat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.adapter.lambda.EventLog;
import io.wschat.bootstrap.ChatConfig.Store;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatConfigTest {

  @Test
  void reads_every_variable() {
    ChatConfig config = ChatConfig.from(Map.of(
        "CHAT_STORE", "dynamodb",
        "CONNECTIONS_TABLE", "wschat-connections",
        "MESSAGES_TABLE", "wschat-messages",
        "MESSAGE_RETENTION", "P7D",
        "DYNAMODB_ENDPOINT", "http://127.0.0.1:8000",
        "WEBSOCKET_CALLBACK_URL", "https://chat.example.com/prod",
        "MAX_MESSAGE_BYTES", "4096",
        "LOG_LEVEL", "warn",
        "AWS_REGION", "eu-west-1"));

    assertThat(config.store()).isEqualTo(Store.DYNAMODB);
    assertThat(config.connectionsTable()).contains("wschat-connections");
    assertThat(config.dynamoDbEndpoint()).contains(URI.create("http://127.0.0.1:8000"));
    assertThat(config.callbackUrl()).contains(URI.create("https://chat.example.com/prod"));
    assertThat(config.messageLimit().maxBytes()).isEqualTo(4096);
    assertThat(config.logLevel()).isEqualTo(EventLog.Level.WARN);
    assertThat(config.region()).isEqualTo("eu-west-1");
    assertThat(config.insideLambda()).isFalse();
    assertThat(config.messagesTable()).contains("wschat-messages");
    assertThat(config.messageRetention()).contains(Duration.ofDays(7));
  }

  @Test
  void messages_are_kept_30_days_unless_told_otherwise_and_none_keeps_nothing() {
    assertThat(ChatConfig.from(Map.of("CHAT_STORE", "memory")).messageRetention()).contains(Duration.ofDays(30));
    assertThat(ChatConfig.from(Map.of("CHAT_STORE", "memory", "MESSAGE_RETENTION", "PT12H")).messageRetention())
        .contains(Duration.ofHours(12));
    assertThat(ChatConfig.from(Map.of("CHAT_STORE", "memory", "MESSAGE_RETENTION", "none")).messageRetention())
        .isEmpty();
    assertThat(ChatConfig.from(Map.of("CHAT_STORE", "dynamodb", "CONNECTIONS_TABLE", "c", "MESSAGE_RETENTION",
        "NONE")).messagesTable()).as("no messages, no table to name").isEmpty();
  }

  @Test
  void a_bad_retention_names_the_variable_and_what_is_allowed() {
    assertThatThrownBy(() -> ChatConfig.from(Map.of("CHAT_STORE", "memory", "MESSAGE_RETENTION", "30 days")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("MESSAGE_RETENTION='30 days' is not a duration").hasMessageContaining("P30D")
        .hasMessageContaining("none");
    assertThatThrownBy(() -> ChatConfig.from(Map.of("CHAT_STORE", "memory", "MESSAGE_RETENTION", "PT0S")))
        .hasMessageContaining("too short");
    assertThatThrownBy(() -> ChatConfig.from(Map.of("CHAT_STORE", "memory", "MESSAGE_RETENTION", "-P1D")))
        .hasMessageContaining("too short");
    assertThatThrownBy(() -> ChatConfig.from(Map.of("CHAT_STORE", "dynamodb", "CONNECTIONS_TABLE", "c")))
        .hasMessageContaining("MESSAGES_TABLE").hasMessageContaining("MESSAGE_RETENTION=none");
  }

  @Test
  void has_sensible_defaults() {
    ChatConfig config = ChatConfig.from(Map.of("CHAT_STORE", "memory"));

    assertThat(config.messageLimit().maxBytes()).isEqualTo(16 * 1024);
    assertThat(config.logLevel()).isEqualTo(EventLog.Level.INFO);
    assertThat(config.callbackUrl()).isEmpty();
  }

  @Test
  void a_missing_or_wrong_store_names_the_variable_and_the_allowed_values() {
    assertThatThrownBy(() -> ChatConfig.from(Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("CHAT_STORE").hasMessageContaining("memory, dynamodb, redis");
    assertThatThrownBy(() -> ChatConfig.from(Map.of("CHAT_STORE", "postgres")))
        .hasMessageContaining("CHAT_STORE='postgres'").hasMessageContaining("memory, dynamodb, redis");
  }

  @Test
  void each_store_demands_its_own_setting() {
    assertThatThrownBy(() -> ChatConfig.from(Map.of("CHAT_STORE", "dynamodb")))
        .hasMessageContaining("CONNECTIONS_TABLE");
    assertThatThrownBy(() -> ChatConfig.from(Map.of("CHAT_STORE", "redis"))).hasMessageContaining("REDIS_URL");
  }

  @Test
  void memory_is_refused_inside_lambda_with_the_reason() {
    assertThatThrownBy(() -> ChatConfig.from(Map.of("CHAT_STORE", "memory", "AWS_LAMBDA_FUNCTION_NAME", "wschat")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("inside AWS Lambda")
        .hasMessageContaining("messages would go missing");
  }

  @Test
  void bad_numbers_levels_and_urls_are_refused() {
    assertThatThrownBy(() -> ChatConfig.from(Map.of("CHAT_STORE", "memory", "MAX_MESSAGE_BYTES", "lots")))
        .hasMessageContaining("MAX_MESSAGE_BYTES='lots'").hasMessageContaining("98304");
    assertThatThrownBy(() -> ChatConfig.from(Map.of("CHAT_STORE", "memory", "MAX_MESSAGE_BYTES", "0")))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> ChatConfig.from(Map.of("CHAT_STORE", "memory", "LOG_LEVEL", "loud")))
        .hasMessageContaining("LOG_LEVEL='loud'").hasMessageContaining("DEBUG, INFO, WARN, ERROR");
    assertThatThrownBy(() -> ChatConfig.from(Map.of("CHAT_STORE", "memory", "WEBSOCKET_CALLBACK_URL", "chat.example.com")))
        .hasMessageContaining("WEBSOCKET_CALLBACK_URL");
  }

  @Test
  void a_callback_url_the_sender_could_not_use_stops_the_init_naming_the_variable() {
    // Accepted here and refused by the sender on every event, it used to pass init and answer every event with 500.
    assertThatThrownBy(() -> ChatConfig.from(Map.of("CHAT_STORE", "memory",
        "WEBSOCKET_CALLBACK_URL", "https://example.com/prod?x=1")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("WEBSOCKET_CALLBACK_URL is not usable")
        .hasMessageContaining("no query");
    assertThatThrownBy(() -> new ChatLambdaHandler(Map.of("CHAT_STORE", "memory",
        "WEBSOCKET_CALLBACK_URL", "wss://example.com/prod")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("WEBSOCKET_CALLBACK_URL");
    assertThat(ChatConfig.from(Map.of("CHAT_STORE", "memory", "WEBSOCKET_CALLBACK_URL", "HTTPS://example.com/prod/"))
        .callbackUrl()).contains(java.net.URI.create("https://example.com/prod"));
  }

  @Test
  void acknowledgements_default_to_route_responses_and_a_wrong_value_names_the_allowed_ones() {
    assertThat(ChatConfig.from(Map.of("CHAT_STORE", "memory")).acknowledgements())
        .isEqualTo(io.wschat.adapter.lambda.Acknowledgements.ROUTE_RESPONSE);
    assertThat(ChatConfig.from(Map.of("CHAT_STORE", "memory", "ACKNOWLEDGE_VIA", "post")).acknowledgements())
        .isEqualTo(io.wschat.adapter.lambda.Acknowledgements.POST);
    assertThatThrownBy(() -> ChatConfig.from(Map.of("CHAT_STORE", "memory", "ACKNOWLEDGE_VIA", "carrier-pigeon")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("ACKNOWLEDGE_VIA='carrier-pigeon'").hasMessageContaining("route-response, post");
  }

  @Test
  void the_authorizer_reads_through_the_same_environment_reader() {
    assertThatThrownBy(() -> io.wschat.bootstrap.auth.AuthorizerConfig.from(Map.of(
        "JWT_JWKS_URL", "not a url", "JWT_ISSUER", "i", "JWT_AUDIENCE", "a")))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("JWT_JWKS_URL='not a url' is not a URL");
    assertThatThrownBy(() -> io.wschat.bootstrap.auth.AuthorizerConfig.from(Map.of(
        "JWT_SECRET", "x".repeat(40), "JWT_ISSUER", " ", "JWT_AUDIENCE", "a")))
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("JWT_ISSUER is not set");
  }

  @Test
  void the_redis_password_never_shows() {
    String url = "rediss://chat:s3cr3t-pw@cache.example.com:6379";
    ChatConfig config = ChatConfig.from(Map.of("CHAT_STORE", "redis", "REDIS_URL", url));

    assertThat(config.toString()).doesNotContain("s3cr3t-pw");
    assertThatThrownBy(() -> ChatConfig.from(Map.of("CHAT_STORE", "redis", "REDIS_URL", "http://u:s3cr3t-pw@x")))
        .hasMessageContaining("REDIS_URL").satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-pw"));
  }
}
