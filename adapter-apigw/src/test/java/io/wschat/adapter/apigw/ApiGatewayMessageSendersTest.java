package io.wschat.adapter.apigw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class ApiGatewayMessageSendersTest {

  private final ApiGatewayMessageSenders senders =
      new ApiGatewayMessageSenders(Region.EU_WEST_1, AnonymousCredentialsProvider.create(), message -> new byte[0]);

  @AfterEach
  void close() {
    senders.close();
  }

  @Test
  void the_default_endpoint_is_the_stage_url_on_the_events_domain() {
    assertThat(ApiGatewayMessageSenders.defaultEndpoint("abc123.execute-api.eu-west-1.amazonaws.com", "prod"))
        .isEqualTo(URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/prod"));
    assertThatThrownBy(() -> ApiGatewayMessageSenders.defaultEndpoint("abc.example.com", " "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void one_endpoint_gets_one_sender_over_one_client_however_it_is_spelled() {
    var sender = senders.forEndpoint(URI.create("https://chat.example.com/prod"));

    assertThat(senders.forEndpoint(URI.create("https://chat.example.com/prod"))).isSameAs(sender);
    assertThat(senders.forEndpoint(URI.create("HTTPS://chat.example.com/prod/"))).isSameAs(sender);
    assertThat(senders.forEndpoint(URI.create("https://chat.example.com/dev"))).isNotSameAs(sender);
    assertThat(senders.forEndpoint(URI.create("http://localhost:8080/local"))).isNotSameAs(sender);
  }

  @Test
  void a_websocket_url_is_not_a_management_endpoint() {
    assertThatThrownBy(() -> senders.forEndpoint(URI.create("wss://chat.example.com/prod")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://{domainName}/{stage}");
  }

  @Test
  void closed_senders_build_no_more_clients() {
    senders.close();

    assertThatThrownBy(() -> senders.forEndpoint(URI.create("https://chat.example.com/prod")))
        .isInstanceOf(IllegalStateException.class);
  }
}
