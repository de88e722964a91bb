package io.wschat.adapter.lambda;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.usecase.SendPrivateMessage;

/**
 * The parts of the chat that depend on the API stage an event came through, because they post to its Management
 * API endpoint. The composition root builds them once per endpoint and caches them: this is the only such cache.
 */
@FunctionalInterface
public interface Stages {

  Stage forApi(String domainName, String stage);

  /** One stage's use cases, and how to post a frame to one of its connections (acknowledgements by post). */
  record Stage(SendPrivateMessage send, FramePoster poster) {}

  /** Posts bytes as they are to a connection; answers false if the connection is gone, throws if it failed. */
  @FunctionalInterface
  interface FramePoster {
    boolean post(ConnectionId connection, byte[] frame);
  }
}
