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
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
