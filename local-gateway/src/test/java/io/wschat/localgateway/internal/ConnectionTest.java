package io.wschat.localgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;

/** What a post's answer promises: ACCEPTED only for a frame Jetty took ahead of any close frame. */
class ConnectionTest {
  private final List<Callback> pending = new ArrayList<>();
  private final List<Integer> frames = new ArrayList<>();
  private boolean outputClosed;

  /** A session as Jetty's behaves: a frame sent once its output is closed fails at once, on the caller's thread. */
  private Session session() {
    return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "isOpen" -> true;
          case "sendText", "sendBinary", "sendPartialText", "sendPartialBinary" -> {
            Callback callback = (Callback) args[args.length - 1];
            if (method.getName().startsWith("sendPartial")) {
              frames.add(args[0] instanceof String text ? text.getBytes(StandardCharsets.UTF_8).length
                  : ((java.nio.ByteBuffer) args[0]).remaining());
            }
            if (outputClosed) {
              callback.fail(new ClosedChannelException());
            } else {
              pending.add(callback);
            }
            yield null;
          }
          default -> null;
        });
  }

  private Connection open(long outboundBytes) {
    var connection = new Connection("c1", 0, "127.0.0.1", "", Runnable::run);
    connection.opened(session(), 4, outboundBytes, 32 * 1024);
    return connection;
  }

  @Test
  void a_frame_jetty_refuses_because_the_close_came_first_is_closed_not_accepted() {
    var connection = open(1_000);
    outputClosed = true; // the client's close frame arrived between the lookup and the send

    assertThat(connection.offer("late")).isEqualTo(Connection.Offer.CLOSED);
    assertThat(connection.unsentBytes()).isZero();
  }

  @Test
  void frames_beyond_the_outbound_buffer_are_full_until_the_client_reads() {
    var connection = open(10);

    assertThat(connection.offer("123456")).isEqualTo(Connection.Offer.ACCEPTED);
    assertThat(connection.offer("12345")).isEqualTo(Connection.Offer.FULL);
    assertThat(connection.offer("1234")).isEqualTo(Connection.Offer.ACCEPTED);
    pending.forEach(Callback::succeed); // written: the client read them
    assertThat(connection.unsentBytes()).isZero();
    assertThat(connection.offer("12345")).isEqualTo(Connection.Offer.ACCEPTED);
  }

  /** API Gateway's frames are at most 32 KB: a longer message goes out in several, never splitting a character. */
  @Test
  void a_message_over_32_kb_goes_out_in_frames_of_at_most_32_kb() {
    var connection = open(1 << 20);

    assertThat(connection.offer("é".repeat(40_000))).isEqualTo(Connection.Offer.ACCEPTED); // 80,000 bytes
    assertThat(frames).containsExactly(32 * 1024, 32 * 1024, 80_000 - 64 * 1024);
    frames.clear();
    assertThat(connection.offer(java.nio.ByteBuffer.allocate(70_000))).isEqualTo(Connection.Offer.ACCEPTED);
    assertThat(frames).containsExactly(32 * 1024, 32 * 1024, 70_000 - 64 * 1024);
  }

  @Test
  void an_empty_buffer_takes_any_frame_and_a_closing_connection_takes_none() {
    var connection = open(10);

    assertThat(connection.offer("x".repeat(100))).isEqualTo(Connection.Offer.ACCEPTED);
    connection.close(1000, "");
    assertThat(connection.offer("x")).isEqualTo(Connection.Offer.CLOSED);
  }
}
