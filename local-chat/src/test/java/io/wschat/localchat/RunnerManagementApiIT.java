package io.wschat.localchat;

import static io.wschat.localchat.Frames.register;
import static io.wschat.localchat.Frames.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.localgateway.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * The AWS SDK v2 Management API client, unchanged but for its endpoint, reaches a chat client through the runner's
 * endpoint. The emulator's own tests (ManagementApiIT) cover the API in depth.
 */
class RunnerManagementApiIT {
  @TempDir
  Path dir;

  @Test
  void the_sdk_posts_to_a_chat_client_and_gets_gone_once_it_closed() throws Exception {
    RecordingConnectHandler.forget();
    Path template = TemplateCopy.ofRepository().withConnectHandledBy(RecordingConnectHandler.class).writeTo(dir);
    try (LocalChat chat = LocalChat.start(LocalChat.Options.defaults().withPort(0).withTemplate(template));
         ApiGatewayManagementApiClient sdk = ApiGatewayManagementApiClient.builder()
             .endpointOverride(chat.managementEndpoint())
             .region(Region.US_EAST_1)
             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
             .httpClient(UrlConnectionHttpClient.create())
             .build()) {
      WsClient alice = WsClient.connect(chat.webSocketUri());
      String id = RecordingConnectHandler.nextConnectionId();
      alice.send(register("alice"));
      assertThat(alice.next()).isEqualTo(registered("alice"));

      sdk.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("{\"type\":\"notice\",\"text\":\"hé\"}")));
      assertThat(alice.next()).isEqualTo("{\"type\":\"notice\",\"text\":\"hé\"}");

      alice.closeWith(1000, "");
      alice.awaitClose(Duration.ofSeconds(5));
      assertThatThrownBy(() -> sdk.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("late"))))
          .isInstanceOf(GoneException.class);
    }
  }
}
