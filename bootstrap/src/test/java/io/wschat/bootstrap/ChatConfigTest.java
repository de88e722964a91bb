package io.wschat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.adapter.lambda.EventLog;
import io.wschat.bootstrap.ChatConfig.Store;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatConfigTest {

  @Test
  void reads_every_variable() {
    ChatConfig config = ChatConfig.from(Map.of(
        "CHAT_STORE", "dynamodb",
        "CONNECTIONS_TABLE", "wschat-connections",
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
  void the_redis_password_never_shows() {
    String url = "rediss://chat:s3cr3t-pw@cache.example.com:6379";
    ChatConfig config = ChatConfig.from(Map.of("CHAT_STORE", "redis", "REDIS_URL", url));

    assertThat(config.toString()).doesNotContain("s3cr3t-pw");
    assertThatThrownBy(() -> ChatConfig.from(Map.of("CHAT_STORE", "redis", "REDIS_URL", "http://u:s3cr3t-pw@x")))
        .hasMessageContaining("REDIS_URL").satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-pw"));
  }
}
