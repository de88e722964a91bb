package io.wschat.adapter.lambda;

import io.wschat.domain.port.MessageSender;

/**
 * Finds the MessageSender that answers clients of one API stage. Events name the API they came through
 * (domainName, stage); the composition root decides whether that, or a configured callback URL, is the endpoint.
 */
@FunctionalInterface
public interface SenderResolver {
  MessageSender forApi(String domainName, String stage);
}
