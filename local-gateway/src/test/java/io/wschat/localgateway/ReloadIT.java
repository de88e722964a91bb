package io.wschat.localgateway;

import static io.wschat.localgateway.ConnectIT.quiet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link LocalGateway#reload}: new handlers serve without a restart, running invocations finish on the old ones. */
class ReloadIT {
  /** A $default handler answering {@code answer} as its route response, after waiting for {@code release}. */
  static RequestStreamHandler answering(String answer, CountDownLatch started, CountDownLatch release) {
    return (in, out, context) -> {
      in.readAllBytes();
      started.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      out.write(("{\"statusCode\":200,\"body\":\"" + answer + "\"}").getBytes(StandardCharsets.UTF_8));
    };
  }

  static RequestStreamHandler answering(String answer) {
    return answering(answer, new CountDownLatch(1), new CountDownLatch(0));
  }

  @Test
  void later_events_reach_the_new_handler_a_running_one_finishes_on_the_old_and_clients_are_told_to_reconnect()
      throws Exception {
    var started = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    try (var gateway = quiet().route("$default", answering("v1", started, release)).routeResponse("$default")
        .build().start();
         var old = WsClient.connect(gateway.webSocketUri())) {
      old.send("{}");
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

      CompletableFuture<Integer> reload = CompletableFuture.supplyAsync(
          () -> gateway.reload(Map.of("$default", answering("v2")), Optional.empty()));
      // A window on purpose: the reload must not finish while the old handler runs, and there is no event for
      // "has not finished yet"; a slow machine only makes the window shorter, never the assertion false.
      Thread.sleep(200);
      assertThat(reload).as("waits for the invocation running on the old handler").isNotDone();
      release.countDown();
      assertThat(old.next()).isEqualTo("v1");
      assertThat(reload.get(5, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(old.awaitClose(Duration.ofSeconds(5)))
          .isEqualTo(new WsClient.Close(LocalGateway.SERVICE_RESTART, "Service Restart"));

      try (var reconnected = WsClient.connect(gateway.webSocketUri())) {
        reconnected.send("{}");
        assertThat(reconnected.next()).isEqualTo("v2");
      }
    }
  }

  @Test
  void an_unknown_route_or_a_non_handler_changes_nothing() throws Exception {
    try (var gateway = quiet().route("$default", answering("v1")).routeResponse("$default").build().start()) {
      assertThatThrownBy(() -> gateway.reload(Map.of("$default", answering("v2"), "nope", answering("v3")),
          Optional.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no route nope");
      assertThatThrownBy(() -> gateway.reload(Map.of("$default", "not a handler"), Optional.empty()))
          .isInstanceOf(IllegalArgumentException.class);
      try (var client = WsClient.connect(gateway.webSocketUri())) {
        client.send("{}");
        assertThat(client.next()).isEqualTo("v1");
      }
    }
  }
}
