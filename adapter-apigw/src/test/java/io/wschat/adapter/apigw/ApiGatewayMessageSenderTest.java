package io.wschat.adapter.apigw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wschat.adapter.apigw.ManagementApiStub.Response;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageSender;
import io.wschat.domain.port.MessageSender.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

class ApiGatewayMessageSenderTest {

  // A real connection id ends in '=' more often than not; the SDK must escape it in the path.
  private static final ConnectionId ALICE = new ConnectionId("L0SM9cOFvHcCIhw=");
  private static final OutboundMessage HELLO = new OutboundMessage.PrivateMessage(new UserId("alice"),
      new UserId("bob"), MessageLimit.DEFAULT.text("hello"), new MessageId("m-1"), Instant.EPOCH, OptionalLong.empty());
  private static final byte[] HELLO_BYTES =
      "{\"type\":\"privateMessage\",\"message\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
  private static final Function<OutboundMessage, byte[]> ENCODER = message -> HELLO_BYTES.clone();
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "not-a-secret"));

  private ManagementApiStub api;
  private ApiGatewayMessageSenders senders;
  private MessageSender sender;

  @BeforeEach
  void start() throws Exception {
    api = new ManagementApiStub();
    senders = new ApiGatewayMessageSenders(Region.EU_WEST_1, CREDENTIALS, ENCODER);
    sender = senders.open(api.endpoint("prod"));
  }

  @AfterEach
  void stop() {
    senders.close();
    api.close();
  }

  @Test
  void posts_the_encoded_bytes_to_the_connection_and_reports_delivered() {
    assertThat(sender.send(ALICE, HELLO)).isEqualTo(Delivery.DELIVERED);

    assertThat(api.requests()).singleElement().satisfies(request -> {
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/prod/@connections/L0SM9cOFvHcCIhw=");
      assertThat(request.rawPath()).endsWith("/L0SM9cOFvHcCIhw%3D");
      assertThat(request.body()).isEqualTo(HELLO_BYTES);
      assertThat(request.header("Authorization"))
          .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/").contains("/eu-west-1/execute-api/aws4_request");
    });
  }

  @Test
  void a_410_gone_exception_means_the_connection_is_gone() {
    api.answer(request -> Response.error(410, "GoneException"));

    assertThat(sender.send(ALICE, HELLO)).isEqualTo(Delivery.GONE);
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void a_bare_410_without_error_type_is_gone_too() {
    api.answer(request -> new Response(410, Map.of(), ""));

    assertThat(sender.send(ALICE, HELLO)).isEqualTo(Delivery.GONE);
  }

  @Test
  void a_throttled_post_is_retried_and_then_delivered() {
    AtomicInteger attempts = new AtomicInteger();
    api.answer(request -> attempts.incrementAndGet() == 1 ? Response.error(429, "LimitExceededException")
        : Response.ok());

    assertThat(sender.send(ALICE, HELLO)).isEqualTo(Delivery.DELIVERED);
    assertThat(attempts).hasValue(2);
    assertThat(api.requests()).allSatisfy(request -> assertThat(request.body()).isEqualTo(HELLO_BYTES));
  }

  /** API Gateway's answer when the client-side buffer is full: not delivered, but the connection is not gone. */
  @Test
  void a_post_still_refused_with_429_after_the_retries_is_busy_not_gone_and_not_an_error() {
    api.answer(request -> Response.error(429, "LimitExceededException"));

    assertThat(sender.send(ALICE, HELLO)).isEqualTo(Delivery.BUSY);
    assertThat(api.requests()).as("the client's standard retries ran first").hasSize(3);
  }

  @Test
  void server_errors_are_retried_up_to_max_attempts_then_thrown_without_the_body() {
    api.answer(request -> Response.error(500, "InternalServerErrorException"));

    long start = System.nanoTime();
    PostToConnectionException e =
        catchThrowableOfType(PostToConnectionException.class, () -> sender.send(ALICE, HELLO));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(ApiGatewayMessageSenders.Settings.DEFAULTS.maxAttempts()).isEqualTo(3);
    assertThat(api.requests()).hasSize(3);
    assertThat(millis).as("retries with small backoff").isLessThan(2_000);
    assertThat(e.connection()).isEqualTo(ALICE);
    assertThat(e.statusCode()).isEqualTo(OptionalInt.of(500));
    assertThat(e).isNotInstanceOf(PayloadTooLargeException.class)
        .hasMessageContaining("L0SM9cOFvHcCIhw=").hasMessageContaining("after 3 attempts with HTTP 500")
        .hasMessageNotContaining("alice");
  }

  @Test
  void max_attempts_is_configurable() {
    api.answer(request -> Response.error(503, "ServiceUnavailable"));
    try (ApiGatewayMessageSenders five = new ApiGatewayMessageSenders(Region.EU_WEST_1, CREDENTIALS, ENCODER,
        ApiGatewayMessageSenders.Settings.DEFAULTS.withMaxAttempts(5))) {
      assertThatThrownBy(() -> five.open(api.endpoint("prod")).send(ALICE, HELLO))
          .isInstanceOf(PostToConnectionException.class).hasMessageContaining("HTTP 503");
    }
    assertThat(api.requests()).hasSize(5);
  }

  @Test
  void a_413_is_a_clear_payload_too_large_error_and_not_retried() {
    api.answer(request -> Response.error(413, "PayloadTooLargeException"));

    assertThatThrownBy(() -> sender.send(ALICE, HELLO))
        .isInstanceOf(PayloadTooLargeException.class)
        .hasMessageContaining("L0SM9cOFvHcCIhw=").hasMessageContaining("HTTP 413");
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void a_403_is_refused_once_with_a_hint_and_not_retried() {
    api.answer(request -> Response.error(403, "ForbiddenException"));

    PostToConnectionException e =
        catchThrowableOfType(PostToConnectionException.class, () -> sender.send(ALICE, HELLO));

    assertThat(e.statusCode()).isEqualTo(OptionalInt.of(403));
    assertThat(e).hasMessageContaining("L0SM9cOFvHcCIhw=").hasMessageContaining("HTTP 403 (ForbiddenException)")
        .hasMessageContaining("execute-api:ManageConnections");
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void no_answer_at_all_is_an_exception_naming_the_connection() {
    api.close();

    assertThatThrownBy(() -> sender.send(ALICE, HELLO))
        .isInstanceOf(PostToConnectionException.class).hasMessageContaining("L0SM9cOFvHcCIhw=")
        .hasMessageContaining("no answer")
        .satisfies(e -> assertThat(((PostToConnectionException) e).statusCode()).isEmpty());
  }

  @Test
  void send_all_posts_to_every_connection_concurrently() {
    // Each post is held until all four are in flight on the server: posted one by one, they never would be.
    CountDownLatch inFlight = new CountDownLatch(4);
    AtomicBoolean together = new AtomicBoolean(true);
    api.answer(request -> {
      inFlight.countDown();
      try {
        together.compareAndSet(true, inFlight.await(5, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        together.set(false);
      }
      return Response.ok();
    });
    Set<ConnectionId> four = connections(4);

    long start = System.nanoTime();
    Map<ConnectionId, Delivery> results = sender.sendAll(four, HELLO);
    long millis = (System.nanoTime() - start) / 1_000_000;

    System.out.printf("sendAll to 4 connections, each held until all are in flight: %d ms, max in flight %d%n",
        millis, api.maxInFlight());
    assertThat(results).containsOnlyKeys(four).allSatisfy((id, delivery) ->
        assertThat(delivery).isEqualTo(Delivery.DELIVERED));
    assertThat(api.requests()).extracting(ManagementApiStub.Request::connectionId)
        .containsExactlyInAnyOrderElementsOf(four.stream().map(ConnectionId::value).toList());
    assertThat(together).as("all four posts in flight on the server at once").isTrue();
    assertThat(api.maxInFlight()).as("requests overlapping on the server").isEqualTo(4);
  }

  @Test
  void send_all_tries_every_connection_then_throws_the_first_failure_with_the_rest_suppressed() {
    List<ConnectionId> ids = List.copyOf(connections(4));
    Map<String, Response> script = Map.of(
        ids.get(0).value(), Response.ok(),
        ids.get(1).value(), Response.error(403, "ForbiddenException"),
        ids.get(2).value(), Response.error(410, "GoneException"),
        ids.get(3).value(), Response.error(413, "PayloadTooLargeException"));
    api.answer(request -> script.get(request.connectionId()));

    PostToConnectionException e = catchThrowableOfType(PostToConnectionException.class,
        () -> sender.sendAll(new LinkedHashSet<>(ids), HELLO));

    assertThat(e.connection()).isEqualTo(ids.get(1));
    assertThat(e.getSuppressed()).singleElement().isInstanceOf(PayloadTooLargeException.class);
    assertThat(api.requests()).hasSize(4);
  }

  @Test
  void send_all_reports_each_delivery() {
    List<ConnectionId> ids = List.copyOf(connections(3));
    api.answer(request -> request.connectionId().equals(ids.get(1).value())
        ? Response.error(410, "GoneException") : Response.ok());

    assertThat(sender.sendAll(new LinkedHashSet<>(ids), HELLO)).containsExactly(
        Map.entry(ids.get(0), Delivery.DELIVERED), Map.entry(ids.get(1), Delivery.GONE),
        Map.entry(ids.get(2), Delivery.DELIVERED));
    assertThat(sender.sendAll(Set.of(), HELLO)).isEmpty();
  }

  @Test
  void send_all_posts_one_connection_on_the_calling_thread_and_hops_only_for_the_others() {
    AtomicInteger hops = new AtomicInteger();
    try (ApiGatewayManagementApiClient client = ApiGatewayManagementApiClient.builder()
        .endpointOverride(api.endpoint("dev")).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build()) {
      ApiGatewayMessageSender direct = new ApiGatewayMessageSender(client, ENCODER, task -> {
        hops.incrementAndGet();
        new Thread(task).start();
      });

      assertThat(direct.sendAll(connections(1), HELLO)).containsOnlyKeys(connections(1));
      assertThat(hops).hasValue(0);
      assertThat(direct.sendAll(connections(3), HELLO)).hasSize(3);
      assertThat(hops).hasValue(2);
    }
    assertThat(api.requests()).hasSize(4).allSatisfy(request -> assertThat(request.path()).startsWith("/dev/"));
  }

  private static Set<ConnectionId> connections(int count) {
    Set<ConnectionId> ids = new LinkedHashSet<>();
    for (int i = 0; i < count; i++) {
      ids.add(new ConnectionId("conn" + i + "AbCdEfGh="));
    }
    return ids;
  }
}
