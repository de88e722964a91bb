package io.wschat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.engines.RedisServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis password comes from Secrets Manager, read once at init through the SDK's client: the function's
 * configuration holds only the secret's ARN. Against a redis-server that requires the password, and a Secrets
 * Manager endpoint on loopback that answers as the service does.
 */
class RedisPasswordSecretTest {
  private static final String PASSWORD = "pw-from-the-secret-9f2c";
  private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:wschat/redis-password-AbCdEf";

  private RedisServer redis;
  private SecretsManagerTestServer secretsManager;

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.start("--requirepass", PASSWORD);
    secretsManager = new SecretsManagerTestServer().withSecret(ARN, PASSWORD);
  }

  @AfterEach
  void stop() {
    secretsManager.close();
    redis.close();
  }

  @Test
  void the_password_is_read_from_the_secret_once_and_opens_redis() throws Exception {
    ChatConfig config = ChatConfig.from(variables(redis.url(), ARN));
    assertThat(config.redisPasswordSecret()).contains(ARN);
    assertThat(config.toString()).doesNotContain(PASSWORD);

    try (ChatApplication app = ChatApplication.wire(config)) {
      app.registry().register(new ConnectionId("c-1"), new UserId("alice"));
      assertThat(app.registry().connectionsOf(new UserId("alice"))).containsExactly(new ConnectionId("c-1"));
    }
    assertThat(secretsManager.requests).containsExactly(ARN);
  }

  @Test
  void the_url_may_name_the_acl_user_whose_password_the_secret_holds() throws Exception {
    try (RedisServer acl = RedisServer.start("--user", "default", "off", "--user", "chat-app", "on", ">" + PASSWORD,
        "~*", "+@all")) {
      String url = "redis://chat-app@" + acl.host() + ":" + acl.port();
      try (ChatApplication app = ChatApplication.wire(ChatConfig.from(variables(url, ARN)))) {
        app.registry().register(new ConnectionId("c-1"), new UserId("alice"));
        assertThat(app.registry().userOf(new ConnectionId("c-1"))).contains(new UserId("alice"));
      }
    }
  }

  @Test
  void without_the_secret_the_same_redis_refuses_the_chat() throws Exception {
    Map<String, String> variables = variables(redis.url(), ARN);
    variables.remove(ChatConfig.REDIS_PASSWORD_SECRET);
    try (ChatApplication app = ChatApplication.wire(ChatConfig.from(variables))) {
      assertThatThrownBy(() -> app.registry().connectionsOf(new UserId("alice")))
          .hasStackTraceContaining("NOAUTH");
    }
    assertThat(secretsManager.requests).isEmpty();
  }

  @Test
  void a_secret_that_cannot_be_read_stops_the_init_naming_it() {
    String missing = ARN.replace("redis-password", "nothing-here");
    assertThatThrownBy(() -> ChatApplication.wire(ChatConfig.from(variables(redis.url(), missing))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(ChatConfig.REDIS_PASSWORD_SECRET + "=" + missing)
        .hasMessageContaining("ResourceNotFoundException")
        .hasMessageContaining("can't find the specified secret");
    assertThat(secretsManager.requests).containsExactly(missing);
  }

  @Test
  void a_password_in_the_url_and_a_secret_is_refused() {
    String url = "redis://:other@" + redis.host() + ":" + redis.port();
    assertThatThrownBy(() -> ChatApplication.wire(ChatConfig.from(variables(url, ARN))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("REDIS_URL holds a password and REDIS_PASSWORD_SECRET names another")
        .hasMessageNotContaining("other@");
  }

  @Test
  void a_secret_without_the_redis_store_is_refused() {
    assertThatThrownBy(() -> ChatConfig.from(Map.of("CHAT_STORE", "memory", "REDIS_PASSWORD_SECRET", ARN)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("REDIS_PASSWORD_SECRET is only read with CHAT_STORE=redis");
  }

  private Map<String, String> variables(String redisUrl, String secret) {
    Map<String, String> variables = new HashMap<>();
    variables.put(ChatConfig.CHAT_STORE, "redis");
    variables.put(ChatConfig.REDIS_URL, redisUrl);
    variables.put(ChatConfig.REDIS_PASSWORD_SECRET, secret);
    variables.put(ChatConfig.SECRETS_MANAGER_ENDPOINT, secretsManager.endpoint().toString());
    variables.put(ChatConfig.AWS_REGION, "eu-west-1");
    return variables;
  }
}
