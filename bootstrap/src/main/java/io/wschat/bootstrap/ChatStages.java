package io.wschat.bootstrap;

import io.wschat.adapter.apigw.ApiGatewayMessageSender;
import io.wschat.adapter.apigw.ApiGatewayMessageSenders;
import io.wschat.adapter.lambda.Stages;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.RateLimiter;
import io.wschat.domain.port.MessageSender.Delivery;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-stage part of the chat, built on the first event of each Management API endpoint and kept for the life
 * of the container: the only cache of use cases and senders. With a configured callback URL every stage shares it.
 */
final class ChatStages implements Stages {
  private final ConnectionRegistry registry;
  private final MessageLog messages;
  private final RateLimiter limiter;
  private final ApiGatewayMessageSenders senders;
  private final Optional<URI> callbackUrl;
  private final Map<URI, Stage> stages = new ConcurrentHashMap<>();

  ChatStages(ConnectionRegistry registry, MessageLog messages, RateLimiter limiter, ApiGatewayMessageSenders senders,
      Optional<URI> callbackUrl) {
    this.registry = registry;
    this.messages = messages;
    this.limiter = limiter;
    this.senders = senders;
    this.callbackUrl = callbackUrl;
  }

  @Override
  public Stage forApi(String domainName, String stage) {
    URI endpoint = callbackUrl.orElseGet(() -> ApiGatewayMessageSenders.defaultEndpoint(domainName, stage));
    return stages.computeIfAbsent(endpoint, this::open);
  }

  /** A caller that is BUSY (not reading: 429) did not get its answer, but is not gone: it stays registered. */
  private Stage open(URI endpoint) {
    ApiGatewayMessageSender sender = senders.open(endpoint);
    return Stage.of(registry, messages, limiter, sender,
        (connection, frame) -> sender.post(connection, frame) != Delivery.GONE);
  }
}
