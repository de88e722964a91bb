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
  void an_endpoint_is_spelled_one_way_however_it_is_written() {
    assertThat(ApiGatewayMessageSenders.endpoint(" HTTPS://chat.example.com/prod/ "))
        .isEqualTo(URI.create("https://chat.example.com/prod"));
    assertThat(ApiGatewayMessageSenders.endpoint("http://localhost:8080/local"))
        .isEqualTo(URI.create("http://localhost:8080/local"));
  }

  @Test
  void a_websocket_url_a_query_or_no_host_is_not_a_management_endpoint() {
    for (String bad : new String[] {"wss://chat.example.com/prod", "https://example.com/prod?x=1",
        "https://example.com/prod#top", "https:///prod", "not a url"}) {
      assertThatThrownBy(() -> ApiGatewayMessageSenders.endpoint(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://{domainName}/{stage}");
    }
    assertThatThrownBy(() -> senders.open(URI.create("wss://chat.example.com/prod")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closed_senders_build_no_more_clients() {
    senders.close();

    assertThatThrownBy(() -> senders.open(URI.create("https://chat.example.com/prod")))
        .isInstanceOf(IllegalStateException.class);
  }
}
