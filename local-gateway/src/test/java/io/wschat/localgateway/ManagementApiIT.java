package io.wschat.localgateway;

import static io.wschat.localgateway.ConnectIT.quiet;
import static io.wschat.localgateway.RecordingHandler.requestContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException;

/** The real AWS SDK v2 client against the emulator, unchanged but for endpointOverride. */
class ManagementApiIT {
  private final RecordingHandler connect = new RecordingHandler();
  private final RecordingHandler disconnect = new RecordingHandler();
  private LocalGateway gateway;
  private ApiGatewayManagementApiClient sdk;

  @BeforeEach
  void start() {
    gateway = quiet().route("$connect", connect).route("$disconnect", disconnect).build().start();
    sdk = EchoHandler.managementClient(gateway.managementEndpoint());
  }

  @AfterEach
  void stop() {
    sdk.close();
    gateway.close();
  }

  @Test
  void post_to_connection_delivers_a_text_frame() throws Exception {
    try (var client = WsClient.connect(gateway.webSocketUri())) {
      String id = connectionId();
      sdk.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("{\"hello\":\"wörld\"}")));
      assertThat(client.next()).isEqualTo("{\"hello\":\"wörld\"}");
    }
  }

  /** What a benchmark in another process reads to count Management API calls per message. */
  @Test
  void metrics_count_the_post_to_connection_requests_answered_gone_ones_included() throws Exception {
    try (var client = WsClient.connect(gateway.webSocketUri())) {
      String id = connectionId();
      sdk.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("one")));
      assertThatThrownBy(() -> sdk.postToConnection(b -> b.connectionId("AAAAAAAAAAAAAAA=")
          .data(SdkBytes.fromUtf8String("two")))).isInstanceOf(GoneException.class);
      var http = java.net.http.HttpClient.newHttpClient();
      var metrics = http.send(HttpRequest.newBuilder(gateway.metricsUri()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).isEqualTo("{\"postToConnection\":2,\"routeResponses\":0}");
    }
  }

  @Test
  void get_connection_tells_when_it_connected_was_last_active_and_who_it_is() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    try (var client = WsClient.connect(gateway.webSocketUri(), "get-test/2.0")) {
      String id = connectionId();
      var got = sdk.getConnection(b -> b.connectionId(id));
      assertThat(got.connectedAt()).isAfter(before).isBeforeOrEqualTo(got.lastActiveAt());
      assertThat(got.identity().sourceIp()).isEqualTo("127.0.0.1");
      assertThat(got.identity().userAgent()).isEqualTo("get-test/2.0");
    }
  }

  @Test
  void delete_connection_closes_it_and_disconnect_runs() throws Exception {
    var client = WsClient.connect(gateway.webSocketUri());
    String id = connectionId();
    sdk.deleteConnection(b -> b.connectionId(id));
    assertThat(client.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(1000);
    assertThat(requestContext(disconnect.next())).containsEntry("connectionId", id)
        .containsEntry("disconnectStatusCode", 1000).containsEntry("disconnectReason", "Connection Closed Normally");
  }

  @Test
  void a_closed_or_unknown_connection_is_gone_for_post_get_and_delete() throws Exception {
    var client = WsClient.connect(gateway.webSocketUri());
    String id = connectionId();
    client.closeWith(1000, "");
    disconnect.next();
    for (String gone : new String[] {id, "AAAAAAAAAAAAAAA="}) {
      assertThatThrownBy(() -> sdk.postToConnection(b -> b.connectionId(gone).data(SdkBytes.fromUtf8String("x"))))
          .isInstanceOf(GoneException.class).satisfies(e -> assertThat(((GoneException) e).statusCode()).isEqualTo(410));
      assertThatThrownBy(() -> sdk.getConnection(b -> b.connectionId(gone))).isInstanceOf(GoneException.class);
      assertThatThrownBy(() -> sdk.deleteConnection(b -> b.connectionId(gone))).isInstanceOf(GoneException.class);
    }
  }

  /**
   * Several threads post to each connection at once, with no retries: every post must be answered (a response
   * that never came would fail its post; with retries, the frame would arrive twice), every frame must arrive
   * once, and each thread's frames in its order. This load does not reproduce the Jetty race of
   * ManagementApi.post, which needed the 1,000-client load test; it guards the answers and the order around it.
   */
  @Test
  void concurrent_posts_to_shared_connections_are_each_answered_and_each_frame_arrives_once() throws Exception {
    int connections = 4;
    int threads = 16;
    int posts = 500;
    List<WsClient> clients = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    try (var strict = ApiGatewayManagementApiClient.builder().endpointOverride(gateway.managementEndpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(3)).build())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
      for (int c = 0; c < connections; c++) {
        clients.add(WsClient.connect(gateway.webSocketUri()));
        ids.add(connectionId());
      }
      var pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          String thread = String.valueOf(t);
          String id = ids.get(t % connections);
          senders.add(pool.submit(() -> {
            for (int i = 0; i < posts; i++) {
              String frame = thread + ":" + i;
              strict.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String(frame)));
            }
            return null;
          }));
        }
        for (Future<?> sender : senders) {
          sender.get(180, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      for (WsClient client : clients) {
        // Each thread waits for each answer, so its frames arrive in its order; threads interleave.
        Map<String, Integer> nextOf = new HashMap<>();
        for (int i = 0; i < posts * threads / connections; i++) {
          String[] frame = client.next().split(":");
          assertThat(Integer.parseInt(frame[1])).isEqualTo(nextOf.getOrDefault(frame[0], 0));
          nextOf.put(frame[0], Integer.parseInt(frame[1]) + 1);
        }
        assertThat(nextOf).hasSize(threads / connections).allSatisfy((thread, next) -> assertThat(next).isEqualTo(posts));
        assertThat(client.frames).isEmpty();
        client.close();
      }
    }
  }

  @Test
  void a_post_over_128_kb_is_payload_too_large_and_exactly_128_kb_is_fine() throws Exception {
    try (var client = WsClient.connect(gateway.webSocketUri())) {
      String id = connectionId();
      assertThatThrownBy(() -> sdk.postToConnection(b -> b.connectionId(id)
          .data(SdkBytes.fromUtf8String("x".repeat(128 * 1024 + 1)))))
          .isInstanceOf(PayloadTooLargeException.class);
      sdk.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("y".repeat(128 * 1024))));
      assertThat(client.next()).hasSize(128 * 1024);
    }
  }

  @Test
  void errors_carry_the_error_type_header_and_a_json_message_and_the_path_id_is_url_decoded() throws Exception {
    try (var client = WsClient.connect(gateway.webSocketUri())) {
      String id = connectionId();
      String encoded = id.replace("=", "%3D");
      var ok = WsClient.HTTP.send(HttpRequest.newBuilder(URI.create(gateway.managementEndpoint() + "/@connections/"
          + encoded)).POST(HttpRequest.BodyPublishers.ofString("raw")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(client.next()).isEqualTo("raw");

      var gone = WsClient.HTTP.send(HttpRequest.newBuilder(URI.create(gateway.managementEndpoint()
          + "/@connections/nope%3D")).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(gone.statusCode()).isEqualTo(410);
      assertThat(gone.headers().firstValue("x-amzn-ErrorType")).hasValue("GoneException");
      assertThat(gone.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith(
          "application/json"));
      assertThat(gone.body()).startsWith("{\"message\":");
    }
  }

  @Test
  void an_empty_post_is_a_bad_request_and_sends_no_frame() throws Exception {
    try (var client = WsClient.connect(gateway.webSocketUri())) {
      String id = connectionId();
      var empty = WsClient.HTTP.send(HttpRequest.newBuilder(URI.create(gateway.managementEndpoint() + "/@connections/"
          + id.replace("=", "%3D"))).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(empty.statusCode()).isEqualTo(400);
      assertThat(empty.headers().firstValue("x-amzn-ErrorType")).hasValue("BadRequestException");
      sdk.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("after")));
      assertThat(client.next()).as("no empty frame came first").isEqualTo("after");
    }
  }

  /** Jetty's own errors (unknown path, URI too long, unparsable request) in API Gateway's shape, not HTML. */
  @Test
  void errors_jetty_answers_itself_are_aws_shaped_json() throws Exception {
    var unknown = WsClient.HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port()
        + "/nowhere")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("x-amzn-ErrorType")).hasValue("NotFoundException");
    assertThat(unknown.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v)
        .startsWith("application/json"));
    assertThat(unknown.body()).isEqualTo("{\"message\":\"Not Found\"}");

    var tooLong = WsClient.HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + "/"
        + "x".repeat(20_000))).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(tooLong.statusCode()).isEqualTo(414);
    assertThat(tooLong.headers().firstValue("x-amzn-ErrorType")).hasValue("UriTooLongException");
    assertThat(tooLong.body()).isEqualTo("{\"message\":\"URI Too Long\"}");

    try (var socket = new java.net.Socket("127.0.0.1", gateway.port())) {
      socket.getOutputStream().write("GET /local HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("x-amzn-ErrorType: BadRequestException")
          .contains("application/json").endsWith("{\"message\":\"Bad Request\"}");
    }
  }

  private String connectionId() throws InterruptedException {
    String id = (String) requestContext(connect.next()).get("connectionId");
    WsClient.awaitReachable(gateway.managementEndpoint(), id);
    return id;
  }
}
