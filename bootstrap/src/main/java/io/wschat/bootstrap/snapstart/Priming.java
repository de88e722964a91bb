package io.wschat.bootstrap.snapstart;

import io.wschat.adapter.apigw.ApiGatewayMessageSender;
import io.wschat.adapter.dynamodb.DynamoDbConnectionRegistry;
import io.wschat.adapter.dynamodb.DynamoDbMessageLog;
import io.wschat.adapter.dynamodb.DynamoDbRateLimiter;
import io.wschat.adapter.lambda.Acknowledgements;
import io.wschat.adapter.lambda.EventLog;
import io.wschat.adapter.lambda.Stages;
import io.wschat.adapter.lambda.WebSocketEvent;
import io.wschat.adapter.lambda.WebSocketEventHandler;
import io.wschat.adapter.lambda.WebSocketEventJson;
import io.wschat.adapter.lambda.WireProtocol;
import io.wschat.adapter.memory.InMemoryConnectionRegistry;
import io.wschat.adapter.memory.InMemoryMessageLog;
import io.wschat.adapter.memory.InMemoryRateLimiter;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.Conversation;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.SendRate;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.MessageSender.Delivery;
import io.wschat.domain.usecase.IdentityPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs the hot path once before a SnapStart snapshot, so the restored process starts with its classes loaded and
 * its code warm: Jackson, the event handler, the use cases, and the SDK's marshalling for the Management API and
 * DynamoDB. Everything runs against throwaway parts (an in-memory registry, SDK clients over
 * {@link NoNetworkHttpClient}): no request leaves the process and no data changes.
 */
public final class Priming {
  private static final URI NOWHERE = URI.create("http://priming.invalid");
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));

  /**
   * Rounds of the event path (10 events each) and of DynamoDB's requests: ~0.2 s in a warm JVM, ~3 s in a fresh one
   * on 2 cores, once per published version.
   */
  static final int ROUNDS = 300;
  static final int DYNAMODB_ROUNDS = 100;

  private Priming() {}

  /**
   * Primes the chat handler's path as configured ({@code acknowledgements}), and DynamoDB's if {@code dynamodb}.
   * Returns how many events it handled.
   */
  public static int run(WireProtocol protocol, Region region, boolean dynamodb, Acknowledgements acknowledgements) {
    try (ApiGatewayManagementApiClient api = ApiGatewayManagementApiClient.builder()
        .region(region).credentialsProvider(CREDENTIALS).endpointOverride(NOWHERE)
        .httpClient(new NoNetworkHttpClient()).build()) {
      ApiGatewayMessageSender sender = new ApiGatewayMessageSender(api, protocol::encode, Runnable::run);
      InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();
      MessageLog messages = new InMemoryMessageLog(Clock.systemUTC(), Duration.ofHours(1));
      Stages.Stage stage = Stages.Stage.of(registry, messages, new InMemoryRateLimiter(SendRate.DEFAULT), sender,
          (connection, frame) -> sender.post(connection, frame) != Delivery.GONE);
      WebSocketEventHandler handler = new WebSocketEventHandler(registry, messages, (domain, name) -> stage,
          protocol,
          new EventLog(EventLog.Level.ERROR), IdentityPolicy.OPEN, acknowledgements);
      int events = 0;
      // Enough rounds for the hottest methods to reach C2: under SnapStart, java25 runs the JVM's default tiered
      // compilation, and what is compiled before the snapshot is what a restored process starts with.
      for (int round = 0; round < ROUNDS; round++) {
        handle(handler, "$connect", "prime-a", null);
        handle(handler, "$connect", "prime-b", null);
        handle(handler, "registerUser", "prime-a", "{\"action\":\"registerUser\",\"userId\":\"prime-a\"}");
        // Not plain ASCII, so that UserId's canonical form (NFKC's tables, scripts) is warm too.
        handle(handler, "registerUser", "prime-b", "{\"action\":\"registerUser\",\"userId\":\"Prime-b\u00E9\"}");
        handle(handler, "sendPrivateMessage", "prime-a",
            "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"prime-b\u00E9\",\"message\":\"priming\"}");
        handle(handler, "sync", "prime-b", "{\"action\":\"sync\"}");
        handle(handler, "getHistory", "prime-b", "{\"action\":\"getHistory\",\"withUserId\":\"prime-a\"}");
        handle(handler, "$default", "prime-a", "{\"action\":\"nothing\"}");
        handle(handler, "$disconnect", "prime-a", null);
        handle(handler, "$disconnect", "prime-b", null);
        events += 10;
      }
      if (dynamodb) {
        primeDynamoDb(region);
      }
      return events;
    }
  }

  private static void primeDynamoDb(Region region) {
    try (DynamoDbClient client = DynamoDbClient.builder().region(region).credentialsProvider(CREDENTIALS)
        .endpointOverride(NOWHERE).httpClient(new NoNetworkHttpClient()).build()) {
      for (int round = 0; round < DYNAMODB_ROUNDS; round++) {
        ConnectionRegistry registry = new DynamoDbConnectionRegistry(client, "priming");
        ConnectionId connection = new ConnectionId("priming=");
        UserId user = new UserId("priming");
        registry.register(connection, user);
        registry.userOf(connection);
        registry.connectionsOf(user);
        registry.unregister(connection);
        MessageLog messages = new DynamoDbMessageLog(client, "priming", Clock.systemUTC(), Duration.ofHours(1));
        UserId other = new UserId("priming-b");
        messages.append(new MessageLog.NewMessage(MessageId.random(), user, other, new MessageText("priming"),
            Instant.now()));
        messages.history(Conversation.between(user, other), OptionalLong.empty(), 1);
        messages.pending(other, 1);
        new DynamoDbRateLimiter(client, "priming", SendRate.DEFAULT).acquire(user, Instant.now());
      }
    }
  }

  /** One event as Lambda delivers it: JSON in, through the handler, JSON out (to nowhere). */
  private static void handle(WebSocketEventHandler handler, String routeKey, String connectionId, String body) {
    StringBuilder json = new StringBuilder("{\"requestContext\":{\"routeKey\":\"").append(routeKey)
        .append("\",\"connectionId\":\"").append(connectionId)
        .append("\",\"domainName\":\"priming.invalid\",\"stage\":\"priming\",\"requestId\":\"priming\",")
        .append("\"connectedAt\":0,\"identity\":{\"sourceIp\":\"127.0.0.1\"},\"eventType\":\"")
        .append(body == null ? "CONNECT" : "MESSAGE").append("\"},\"headers\":{},\"isBase64Encoded\":false");
    if (body != null) {
      json.append(",\"body\":\"").append(body.replace("\"", "\\\"")).append('"');
    }
    json.append('}');
    try {
      WebSocketEvent event = WebSocketEventJson.read(
          new ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8)));
      WebSocketEventJson.write(handler.handle(event, null), OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("priming event " + routeKey, e);
    }
  }
}
