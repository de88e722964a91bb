package io.wschat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The credentials chain inside Lambda, on a SnapStart function's path: no AWS_ACCESS_KEY_ID (this JVM has none),
 * credentials from the container endpoint, here a loopback server answering as Lambda's does.
 */
class LambdaCredentialsTest {
  private static final String FULL_URI = "aws.containerCredentialsFullUri";
  private static final String TOKEN = "aws.containerAuthorizationToken";
  private HttpServer server;

  @AfterEach
  void stop() {
    System.clearProperty(FULL_URI);
    System.clearProperty(TOKEN);
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void without_environment_credentials_the_container_endpoint_answers_and_only_when_asked() throws Exception {
    assertThat(System.getenv("AWS_ACCESS_KEY_ID")).as("this test needs a JVM without AWS_ACCESS_KEY_ID").isNull();
    AtomicInteger calls = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/creds", exchange -> {
      calls.incrementAndGet();
      boolean authorized = "secret-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = ("{\"AccessKeyId\":\"ASIAEXAMPLE\",\"SecretAccessKey\":\"s3cr3t\",\"Token\":\"session\","
          + "\"Expiration\":\"" + Instant.now().plusSeconds(3600) + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(authorized ? 200 : 403, authorized ? body.length : -1);
      exchange.getResponseBody().write(authorized ? body : new byte[0]);
      exchange.close();
    });
    server.start();
    System.setProperty(FULL_URI, "http://127.0.0.1:" + server.getAddress().getPort() + "/creds");
    System.setProperty(TOKEN, "secret-token");

    var chain = ChatApplication.lambdaCredentials();
    assertThat(calls.get()).as("nothing fetched at init").isZero();
    var credentials = chain.resolveCredentials();

    assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
    assertThat(credentials.accessKeyId()).isEqualTo("ASIAEXAMPLE");
    assertThat(((AwsSessionCredentials) credentials).sessionToken()).isEqualTo("session");
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void with_no_source_at_all_resolving_fails_with_the_sdks_explanation() {
    assertThat(System.getenv("AWS_ACCESS_KEY_ID")).isNull();
    assertThat(System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI")).isNull();
    assertThat(System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")).isNull();

    assertThatThrownBy(() -> ChatApplication.lambdaCredentials().resolveCredentials())
        .isInstanceOf(SdkClientException.class).hasMessageContaining("Unable to load credentials");
  }

  @Test
  void a_loopback_management_api_gets_no_signature_and_everything_else_keeps_its_credentials() {
    URI local = URI.create("http://127.0.0.1:8080/local");
    URI aws = URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/prod");

    java.util.function.Function<URI, software.amazon.awssdk.auth.credentials.AwsCredentialsProvider> standard =
        ChatApplication::sdkSources;
    assertThat(ChatApplication.managementApiCredentials(null, local, standard))
        .isInstanceOf(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.class);
    assertThat(ChatApplication.managementApiCredentials(null, aws, standard))
        .isNotInstanceOf(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.class);
    var lambda = ChatApplication.lambdaCredentials();
    assertThat(ChatApplication.managementApiCredentials(lambda, local, standard)).as("inside Lambda, always the role")
        .isSameAs(lambda);
  }
}
