package io.wschat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.adapter.dynamodb.ConnectionsTable;
import io.wschat.adapter.dynamodb.DynamoDbClients;
import io.wschat.adapter.dynamodb.MessagesTable;
import io.wschat.adapter.dynamodb.MissingTableException;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.engines.DynamoDbServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A loopback DYNAMODB_ENDPOINT signs with the standard credential chain, and with the fixed local pair only when
 * the chain yields nothing. DynamoDB Local (in this JVM, as the user's) keeps one set of tables per access key and
 * region, so signing with the wrong key reports an existing table as missing: issue 16's reproduction.
 */
class LoopbackCredentialsTest {
  private static final String REGION = "us-east-1";
  private static DynamoDbServer dynamoDb;

  @BeforeAll
  static void start() {
    dynamoDb = DynamoDbServer.inProcess();
  }

  @AfterAll
  static void stop() {
    dynamoDb.close();
  }

  @Test
  void a_table_created_under_the_users_keys_is_found_with_those_keys_in_the_environment() throws Exception {
    createTables("test", "secret-x", "users-connections", "users-messages");
    Map<String, String> environment = environment("users-connections", "users-messages");
    environment.put("AWS_ACCESS_KEY_ID", "test");
    environment.put("AWS_SECRET_ACCESS_KEY", "secret-x");

    try (ChatLambdaHandler lambda = new ChatLambdaHandler(environment)) {
      lambda.application().registry().register(new ConnectionId("c-1"), new UserId("alice"));
      assertThat(lambda.application().registry().connectionsOf(new UserId("alice")))
          .containsExactly(new ConnectionId("c-1"));
    }
    // The same tables are invisible under the fallback pair: what the application did before, and why it failed.
    environment.remove("AWS_ACCESS_KEY_ID");
    environment.remove("AWS_SECRET_ACCESS_KEY");
    try (ChatApplication app = ChatApplication.wire(ChatConfig.from(environment), NO_OTHER_SOURCE)) {
      assertThatThrownBy(() -> app.registry().connectionsOf(new UserId("alice")))
          .isInstanceOf(MissingTableException.class).hasMessageContaining("users-connections");
    }
  }

  @Test
  void with_no_credentials_anywhere_the_fixed_local_pair_signs() throws Exception {
    createTables("local", "local", "fallback-connections", "fallback-messages");
    assertThatThrownBy(() -> NO_OTHER_SOURCE.apply(dynamoDb.endpoint()).resolveCredentials()).isInstanceOf(SdkClientException.class);

    try (ChatApplication app = ChatApplication.wire(
        ChatConfig.from(environment("fallback-connections", "fallback-messages")), NO_OTHER_SOURCE)) {
      app.registry().register(new ConnectionId("c-2"), new UserId("bob"));
      assertThat(app.registry().connectionsOf(new UserId("bob"))).containsExactly(new ConnectionId("c-2"));
    }
  }

  @Test
  void half_a_key_pair_is_refused_naming_the_missing_variable() {
    Map<String, String> environment = environment("t", "m");
    environment.put("AWS_ACCESS_KEY_ID", "test");
    assertThatThrownBy(() -> ChatConfig.from(environment)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY");
  }

  /** The SDK's profile source over an empty credentials file: a real part of the chain that yields nothing. */
  private static final Function<URI, AwsCredentialsProvider> NO_OTHER_SOURCE = endpoint -> ProfileCredentialsProvider.builder()
      .profileFile(ProfileFile.builder().content(new ByteArrayInputStream(new byte[0]))
          .type(ProfileFile.Type.CREDENTIALS).build())
      .profileName("default").build();

  private static void createTables(String accessKey, String secret, String connections, String messages) {
    // As the AWS CLI would: an ordinary SDK client signing with these keys.
    try (DynamoDbClient client = DynamoDbClients.create(Region.of(REGION),
        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)),
        Optional.of(dynamoDb.endpoint()))) {
      ConnectionsTable.create(client, connections);
      MessagesTable.create(client, messages);
    }
  }

  private static Map<String, String> environment(String connections, String messages) {
    Map<String, String> environment = new HashMap<>();
    environment.put(ChatConfig.CHAT_STORE, "dynamodb");
    environment.put(ChatConfig.CONNECTIONS_TABLE, connections);
    environment.put(ChatConfig.MESSAGES_TABLE, messages);
    environment.put(ChatConfig.DYNAMODB_ENDPOINT, dynamoDb.endpoint().toString());
    environment.put(ChatConfig.AWS_REGION, REGION);
    return environment;
  }
}
