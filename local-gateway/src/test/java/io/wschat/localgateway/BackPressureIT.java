package io.wschat.localgateway;

import static io.wschat.localgateway.ConnectIT.quiet;
import static io.wschat.localgateway.RecordingHandler.requestContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The gateway's memory stays bounded whatever a client does: a client that sends faster than its integration runs
 * is read no faster than that (TCP back-pressure), and a client that never reads gets its posts refused with 429
 * once its outbound buffer is full. Heap figures are live heap after a full GC, printed for docs/performance.md.
 */
class BackPressureIT {
  private static final int FRAME = 16 * 1024;

  @Test
  void a_flooding_client_is_read_no_faster_than_its_integration_and_the_heap_stays_bounded() throws Exception {
    var starts = new ConcurrentLinkedQueue<Long>();
    RequestHandler<Map<String, Object>, Map<String, Object>> slow = (event, context) -> {
      starts.add(System.nanoTime());
      // The integration's 2 ms run time is the behaviour under test: the gateway must read no faster than this.
      sleep(2);
      return Map.of("statusCode", 200);
    };
    var disconnectedAt = new AtomicLong();
    var connect = new RecordingHandler();
    try (var gateway = LocalGateway.builder().port(0).accessLog(line -> {
      if (line.contains("\"DISCONNECT\"")) {
        disconnectedAt.set(System.nanoTime());
      }
    }).route("$connect", connect).route("$default", slow).build().start()) {
      long baseline = liveHeap();
      var client = WsClient.connect(gateway.webSocketUri());
      String frame = "{\"action\":\"flood\",\"pad\":\"" + "x".repeat(FRAME - 30) + "\"}";
      var sent = new AtomicInteger();
      var stop = new AtomicBoolean();
      var sender = CompletableFuture.runAsync(() -> {
        while (!stop.get() && sent.get() < 40_000) {
          client.send(frame);
          sent.incrementAndGet();
        }
      });
      // The flood's duration, the behaviour under test: the heap is measured 4 s and 8 s into it.
      Thread.sleep(4_000);
      long during = liveHeap();
      Thread.sleep(4_000);
      long atEnd = liveHeap();
      stop.set(true);
      sender.get(30, TimeUnit.SECONDS);
      int routedBeforeClose = starts.size();
      long closedAt = System.nanoTime();
      client.drop();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (disconnectedAt.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(disconnectedAt.get()).as("the gateway saw the close").isNotZero();
      // A window on purpose: nothing may be routed once the gateway saw the close, and "nothing more" has no
      // event to wait for; a slow machine only makes the window shorter, never the assertions false.
      Thread.sleep(500);
      long afterClose = starts.stream().filter(t -> t > closedAt).count();
      long afterDisconnect = starts.stream().filter(t -> t > disconnectedAt.get()).count();
      System.out.printf("flood of %d x 16 KB in 8 s (integration 2 ms each): %d routed; live heap %d MB before,"
              + " %d MB after 4 s, %d MB after 8 s; after the client's close %d more routed in %d ms, %d after the"
              + " gateway saw the close%n", sent.get(), routedBeforeClose, baseline >> 20, during >> 20,
          atEnd >> 20, afterClose, (disconnectedAt.get() - closedAt) / 1_000_000, afterDisconnect);
      assertThat(Math.max(during, atEnd) - baseline).as("live heap growth").isLessThan(48L << 20);
      assertThat(afterDisconnect).as("messages routed once the gateway knew the connection closed").isZero();
      assertThat(afterClose).as("messages routed after the client closed: the queue, and what TCP held")
          .isLessThanOrEqualTo(LocalGatewayBuilder.DEFAULT_INBOUND_QUEUE + 512);
    }
  }

  @Test
  void posts_to_a_client_that_never_reads_get_429_once_its_buffer_is_full_and_the_heap_stays_bounded()
      throws Exception {
    var connect = new RecordingHandler();
    try (var gateway = quiet().route("$connect", connect).build().start()) {
      long baseline = liveHeap();
      WebSocket deaf = WsClient.HTTP.newWebSocketBuilder().buildAsync(gateway.webSocketUri(), new WebSocket.Listener() {
        @Override
        public void onOpen(WebSocket webSocket) {
          // no request(n): the client never reads a frame, so its socket buffers fill up
        }
      }).join();
      String id = (String) requestContext(connect.next()).get("connectionId");
      WsClient.awaitReachable(gateway.managementEndpoint(), id); // else the first post could be 410, not 200 or 429
      URI post = URI.create(gateway.managementEndpoint() + "/@connections/" + id.replace("=", "%3D"));
      byte[] body = "y".repeat(FRAME).getBytes();
      int ok = 0;
      int limited = 0;
      HttpResponse<String> refusal = null;
      for (int i = 0; i < 6_250; i++) { // 100 MB
        var answer = WsClient.HTTP.send(HttpRequest.newBuilder(post).POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          ok++;
        } else {
          assertThat(answer.statusCode()).isEqualTo(429);
          limited++;
          refusal = answer;
        }
      }
      long after = liveHeap();
      System.out.printf("6,250 x 16 KB posted to a client that never reads: %d accepted (%d MB), %d refused with 429;"
          + " live heap %d MB before, %d MB after%n", ok, (long) ok * FRAME >> 20, limited, baseline >> 20, after >> 20);
      assertThat(limited).isPositive();
      assertThat(refusal.headers().firstValue("x-amzn-ErrorType")).hasValue("LimitExceededException");
      assertThat(refusal.body()).startsWith("{\"message\":");
      assertThat(after - baseline).as("live heap growth").isLessThan(32L << 20);
      deaf.abort();
    }
  }

  /**
   * A DELETE racing posts to the same connection: every post answered 200 must reach the client, and a post
   * that lost the race is 410, never a 200 for a frame that never arrives.
   */
  @Test
  void a_post_answered_200_arrives_even_when_a_delete_races_it() throws Exception {
    var connect = new RecordingHandler();
    var http = HttpClient.newHttpClient();
    int rounds = 100;
    int mismatches = 0;
    int accepted = 0;
    try (var gateway = quiet().route("$connect", connect).build().start()) {
      for (int round = 0; round < rounds; round++) {
        var client = WsClient.connect(gateway.webSocketUri());
        String id = (String) requestContext(connect.next()).get("connectionId");
        URI uri = URI.create(gateway.managementEndpoint() + "/@connections/" + id.replace("=", "%3D"));
        WsClient.awaitReachable(gateway.managementEndpoint(), id);
        var answered = new AtomicInteger();
        List<CompletableFuture<Void>> posters = new java.util.ArrayList<>();
        for (int p = 0; p < 3; p++) { // three posters, so that posts are in flight when the DELETE lands
          String poster = "p" + p + ":";
          posters.add(CompletableFuture.runAsync(() -> {
            for (int i = 0; ; i++) {
              int status = http.sendAsync(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(
                  poster + i)).build(), HttpResponse.BodyHandlers.discarding()).join().statusCode();
              if (status != 200) {
                assertThat(status).isEqualTo(410);
                return;
              }
              answered.incrementAndGet();
            }
          }));
        }
        // Varies when the DELETE lands among the posts, round by round: the race under test, not a wait.
        Thread.sleep(2 + round % 8);
        http.send(HttpRequest.newBuilder(uri).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        for (var poster : posters) {
          poster.get(10, TimeUnit.SECONDS);
        }
        client.awaitClose(Duration.ofSeconds(5));
        accepted += answered.get();
        if (client.frames.size() != answered.get()) {
          mismatches++;
        }
      }
    }
    System.out.printf("DELETE racing posts, %d rounds: %d posts answered 200, %d rounds where the client got a"
        + " different number of frames%n", rounds, accepted, mismatches);
    assertThat(mismatches).isZero();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Live heap: what is left after full collections. */
  static long liveHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      // A measurement pause between collections (concurrent work settles); the heap bounds are generous.
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
