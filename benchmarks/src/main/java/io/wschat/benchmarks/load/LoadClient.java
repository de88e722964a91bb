package io.wschat.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One chat user on one WebSocket. Frames are told apart by their type field, which the protocol puts first; the
 * message text is ours ("index:sentAtNanos"), so it needs no JSON parser on the receive path.
 */
final class LoadClient implements WebSocket.Listener {
  private static final String PRIVATE_MESSAGE = "{\"type\":\"privateMessage\"";
  private static final String MESSAGE_SENT = "{\"type\":\"messageSent\"";
  private static final String REGISTERED = "{\"type\":\"registrationSuccess\"";
  private static final String ERROR = "{\"type\":\"error\"";
  private static final String TEXT_FIELD = "\"message\":\"";

  private final int id;
  private final int clients;
  private final Ledger ledger;
  private final CompletableFuture<Void> registered = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  /** Sent, not yet answered: the gateway keeps one connection's order, so answers come back in this order. */
  private final ArrayDeque<Integer> unanswered = new ArrayDeque<>();
  private WebSocket socket;
  private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);
  private CompletableFuture<Void> roundDone = CompletableFuture.completedFuture(null);
  private boolean closedLoop;
  private int round;
  private int seq;
  private int answered;
  private int perRound;

  LoadClient(int id, int clients, Ledger ledger) {
    this.id = id;
    this.clients = clients;
    this.ledger = ledger;
  }

  static String user(int id) {
    return "load-user-" + id;
  }

  CompletableFuture<LoadClient> connect(HttpClient http, URI uri) {
    return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, this)
        .thenApply(ws -> {
          synchronized (this) {
            socket = ws;
          }
          return this;
        });
  }

  synchronized CompletableFuture<Void> register() {
    send("{\"action\":\"registerUser\",\"userId\":\"" + user(id) + "\"}");
    return registered;
  }

  /** How a client sends a round's messages. */
  enum Pace {
    /** The first now, each next one when the previous is answered. */
    CLOSED_LOOP,
    /** When a pacer calls {@link #sendScheduled}. */
    OPEN_LOOP,
    /** All of them now, without waiting for any answer. */
    BURST
  }

  /** Starts a round of {@code messages}, sent as {@code pace} says. */
  synchronized CompletableFuture<Void> startRound(int round, int messages, Pace pace) {
    this.round = round;
    this.seq = 0;
    this.answered = 0;
    this.perRound = messages;
    this.closedLoop = pace == Pace.CLOSED_LOOP;
    unanswered.clear(); // what a timed-out round left unanswered must not take this round's answers
    roundDone = new CompletableFuture<>();
    if (messages == 0) {
      roundDone.complete(null);
    } else if (pace == Pace.CLOSED_LOOP) {
      sendOne(System.nanoTime());
    } else if (pace == Pace.BURST) {
      long now = System.nanoTime();
      while (seq < perRound) {
        sendOne(now);
      }
    }
    return roundDone;
  }

  /** Open loop: sends the next message, stamped with when it was due, so a late pacer counts as latency. */
  synchronized void sendScheduled(long dueNanos) {
    if (seq < perRound) {
      sendOne(dueNanos);
    }
  }

  private void sendOne(long stampNanos) {
    int target = ThreadLocalRandom.current().nextInt(clients - 1);
    if (target >= id) {
      target++; // anyone but ourselves
    }
    int index = ledger.index(round, id, seq++);
    unanswered.add(index);
    ledger.sent(index);
    send("{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"" + user(target) + "\",\"message\":\""
        + index + ":" + stampNanos + "\"}");
  }

  /** messageSent or an error frame answers the oldest unanswered message. */
  private void answer(boolean failed) {
    Integer index = unanswered.poll();
    if (index == null) {
      return; // an answer to nothing we sent in a round
    }
    if (failed) {
      ledger.failed(index);
    }
    answered++;
    if (answered == perRound) {
      roundDone.complete(null);
    } else if (closedLoop && seq < perRound) {
      sendOne(System.nanoTime());
    }
  }

  private void send(String text) {
    // The JDK allows one outstanding send per socket; chaining keeps that true whatever the callbacks' order.
    lastSend = lastSend.thenCompose(ignored -> socket.sendText(text, true));
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    if (!last) {
      partial.append(data);
    } else {
      String frame = partial.isEmpty() ? data.toString() : partial.append(data).toString();
      partial.setLength(0);
      handle(frame);
    }
    webSocket.request(1);
    return null;
  }

  private synchronized void handle(String frame) {
    if (frame.startsWith(PRIVATE_MESSAGE)) {
      int start = frame.indexOf(TEXT_FIELD) + TEXT_FIELD.length();
      String text = frame.substring(start, frame.indexOf('"', start));
      int colon = text.indexOf(':');
      ledger.received(Integer.parseInt(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
    } else if (frame.startsWith(MESSAGE_SENT)) {
      answer(false);
    } else if (frame.startsWith(REGISTERED)) {
      registered.complete(null);
    } else if (frame.startsWith(ERROR)) {
      ledger.error();
      if (!registered.isDone()) {
        registered.completeExceptionally(new IllegalStateException("registration refused: " + frame));
      } else {
        answer(true);
      }
    }
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    registered.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    registered.completeExceptionally(error);
  }

  synchronized void abort() {
    if (socket != null) {
      socket.abort();
    }
  }
}
