package io.wschat.localgateway;

import static io.wschat.localgateway.ConnectIT.quiet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrderingIT {
  private static final int CONNECTIONS = 20;
  private static final int MESSAGES = 100;

  @Test
  void each_connection_keeps_its_order_while_connections_run_in_parallel() throws Exception {
    var handler = new SlowRecorder();
    sendAndCheckOrder(quiet(), handler);
    assertThat(handler.maxConcurrent.get()).isGreaterThan(1);
  }

  @Test
  void no_more_integrations_run_at_once_than_the_concurrency_and_the_rest_wait_in_order() throws Exception {
    var handler = new SlowRecorder();
    sendAndCheckOrder(quiet().concurrency(3), handler);
    assertThat(handler.maxConcurrent.get()).isEqualTo(3);
  }

  @Test
  void a_concurrency_below_one_is_refused() {
    assertThatThrownBy(() -> quiet().route("$default", new SlowRecorder()).concurrency(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("concurrency must be at least 1, got 0");
  }

  private static void sendAndCheckOrder(LocalGatewayBuilder builder, SlowRecorder handler) throws Exception {
    try (var gateway = builder.route("$default", handler).build().start()) {
      List<WsClient> clients = new ArrayList<>();
      for (int c = 0; c < CONNECTIONS; c++) {
        clients.add(WsClient.connect(gateway.webSocketUri()));
      }
      long start = System.nanoTime();
      List<Thread> senders = new ArrayList<>();
      for (WsClient client : clients) {
        senders.add(startThread(() -> {
          for (int m = 0; m < MESSAGES; m++) {
            client.send(String.valueOf(m));
          }
        }));
      }
      for (Thread sender : senders) {
        sender.join();
      }
      handler.awaitTotal(CONNECTIONS * MESSAGES);
      System.out.printf("ordering: %d messages on %d connections in %d ms, at most %d invocations at once%n",
          CONNECTIONS * MESSAGES, CONNECTIONS, (System.nanoTime() - start) / 1_000_000, handler.maxConcurrent.get());

      assertThat(handler.bodies).hasSize(CONNECTIONS);
      List<String> expected = new ArrayList<>();
      for (int m = 0; m < MESSAGES; m++) {
        expected.add(String.valueOf(m));
      }
      handler.bodies.values().forEach(bodies -> assertThat(bodies).isEqualTo(expected));
      clients.forEach(WsClient::close);
    }
  }

  @Test
  void two_hundred_connections_open_talk_and_close_at_once() throws Exception {
    var handler = new RecordingHandler();
    try (var gateway = quiet().route("$default", handler).route("$disconnect", handler).build().start()) {
      long start = System.nanoTime();
      var opening = new ArrayList<java.util.concurrent.CompletableFuture<WsClient>>();
      for (int c = 0; c < 200; c++) {
        opening.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> WsClient.connect(gateway.webSocketUri())));
      }
      List<WsClient> clients = opening.stream().map(java.util.concurrent.CompletableFuture::join).toList();
      long connected = System.nanoTime();
      clients.forEach(client -> client.send("hi"));
      clients.forEach(client -> client.closeWith(1000, ""));
      java.util.Set<Object> messaged = new java.util.HashSet<>();
      java.util.Set<Object> disconnected = new java.util.HashSet<>();
      for (int i = 0; i < 400; i++) {
        var rc = RecordingHandler.requestContext(handler.next());
        ("$disconnect".equals(rc.get("routeKey")) ? disconnected : messaged).add(rc.get("connectionId"));
      }
      System.out.printf("200 connections: connected in %d ms, all messages and disconnects in %d ms%n",
          (connected - start) / 1_000_000, (System.nanoTime() - start) / 1_000_000);
      assertThat(messaged).hasSize(200).isEqualTo(disconnected);
    }
  }

  private static Thread startThread(Runnable task) {
    var thread = new Thread(task);
    thread.start();
    return thread;
  }

  /** Takes a little time per message, so that reordering would show if it could happen. */
  static final class SlowRecorder implements RequestHandler<Map<String, Object>, Void> {
    final Map<String, List<String>> bodies = new ConcurrentHashMap<>();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger total = new AtomicInteger();

    @Override
    public Void handleRequest(Map<String, Object> event, Context context) {
      int now = running.incrementAndGet();
      maxConcurrent.accumulateAndGet(now, Math::max);
      try { // jitter of 0-1 ms in the handler, so that invocations overlap and could reorder: the behaviour under test
        Thread.sleep(ThreadLocalRandom.current().nextInt(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String id = (String) RecordingHandler.requestContext(event).get("connectionId");
      // Appends are ordered per connection by the gateway; the list itself needs no lock across connections.
      bodies.computeIfAbsent(id, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
          .add((String) event.get("body"));
      running.decrementAndGet();
      synchronized (this) {
        total.incrementAndGet();
        notifyAll();
      }
      return null;
    }

    synchronized void awaitTotal(int expected) throws InterruptedException {
      long deadline = System.currentTimeMillis() + 30_000;
      while (total.get() < expected && System.currentTimeMillis() < deadline) {
        wait(500);
      }
      assertThat(total.get()).isEqualTo(expected);
    }
  }
}
