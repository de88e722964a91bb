package io.wschat.benchmarks.messagelog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Fills the log through the product: registered connections send {@code sendPrivateMessage} to a user who is
 * offline, so every message is stored and delivered to no one ({@code deliveredTo} 0, {@code stored} true, which is
 * checked for each). The gateway runs one connection's events one at a time, so several connections send in
 * parallel, each keeping {@code window} messages in flight.
 */
final class Seeder {
  private static final Duration ANSWER_LIMIT = Duration.ofSeconds(60);
  private static final String FILLER = "the quick brown fox jumps over the lazy dog";

  private Seeder() {}

  /** Sends {@code total} messages to {@code target}, spread evenly over {@code senders}; answers the seconds taken. */
  static double send(List<ChatSocket> senders, String target, int total, int window) {
    ExecutorService threads = Executors.newFixedThreadPool(senders.size());
    try {
      long start = System.nanoTime();
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int k = 0; k < senders.size(); k++) {
        int share = total / senders.size() + (k < total % senders.size() ? 1 : 0);
        ChatSocket sender = senders.get(k);
        int first = done.size();
        done.add(CompletableFuture.runAsync(() -> sendShare(sender, target, first, share, window), threads));
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.MINUTES).join();
      return (System.nanoTime() - start) / 1e9;
    } finally {
      threads.shutdownNow();
    }
  }

  private static void sendShare(ChatSocket sender, String target, int senderIndex, int count, int window) {
    int sent = 0;
    while (sent < Math.min(window, count)) {
      sender.send(message(target, senderIndex, sent++));
    }
    for (int answered = 0; answered < count; answered++) {
      JsonNode answer = sender.expect("messageSent", ANSWER_LIMIT).json();
      if (!answer.path("stored").asBoolean() || answer.path("deliveredTo").asInt() != 0) {
        throw new IllegalStateException("a message to an offline user was not just stored: " + answer);
      }
      if (sent < count) {
        sender.send(message(target, senderIndex, sent++));
      }
    }
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode message(String target, int sender, int seq) {
    return ChatSocket.request("sendPrivateMessage").put("targetUserId", target)
        .put("message", "message " + seq + " from connection " + sender + ": " + FILLER);
  }
}
