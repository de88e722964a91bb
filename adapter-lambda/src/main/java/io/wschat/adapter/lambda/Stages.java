package io.wschat.adapter.lambda;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.MessageSender;
import io.wschat.domain.port.RateLimiter;
import io.wschat.domain.usecase.MarkRead;
import io.wschat.domain.usecase.RelayTyping;
import io.wschat.domain.usecase.SendPrivateMessage;
import io.wschat.domain.usecase.Sync;

/**
 * The parts of the chat that depend on the API stage an event came through, because they post to its Management
 * API endpoint. The composition root builds them once per endpoint and caches them: this is the only such cache.
 */
@FunctionalInterface
public interface Stages {

  Stage forApi(String domainName, String stage);

  /**
   * One stage's use cases (those that post to other connections), and how to post a frame to one of its
   * connections (acknowledgements by post).
   */
  record Stage(SendPrivateMessage send, Sync sync, MarkRead markRead, RelayTyping typing, FramePoster poster) {

    /**
     * A stage's use cases over one sender: how every stage is built, in production and in tests alike. Only sends
     * are rate-limited; sync, receipts and typing are not.
     */
    public static Stage of(ConnectionRegistry registry, MessageLog log, RateLimiter limiter, MessageSender sender,
        FramePoster poster) {
      return new Stage(new SendPrivateMessage(registry, log, limiter, sender), new Sync(registry, log, sender),
          new MarkRead(registry, log, sender), new RelayTyping(registry, sender), poster);
    }
  }

  /** Posts bytes as they are to a connection; answers false if the connection is gone, throws if it failed. */
  @FunctionalInterface
  interface FramePoster {
    boolean post(ConnectionId connection, byte[] frame);
  }
}
