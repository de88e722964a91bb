package io.wschat.benchmarks.coldstart.launcher;

import io.wschat.adapter.apigw.ApiGatewayMessageSenders;
import io.wschat.adapter.dynamodb.DynamoDbClients;
import io.wschat.adapter.lambda.WebSocketEventJson;
import io.wschat.adapter.lambda.WireProtocol;
import io.wschat.bootstrap.ChatLambdaHandler;
import io.wschat.domain.model.MessageLimit;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a cold start's time goes: in a fresh JVM, builds the expensive parts of the chat one after another and
 * prints how long each took. Classes shared by two steps are paid by the first, so read the figures as "what this
 * step adds in this order". Arguments: the event file, the table, the DynamoDB endpoint, the callback URL.
 */
public final class ComponentProbe {
  private ComponentProbe() {}

  public static void main(String[] args) throws Exception {
    byte[] event = Files.readAllBytes(Path.of(args[0]));
    String table = args[1];
    URI dynamo = URI.create(args[2]);
    URI callback = URI.create(args[3]);
    StringBuilder line = new StringBuilder("PROBE");
    long t = System.nanoTime();

    new WireProtocol(MessageLimit.DEFAULT).read("sendPrivateMessage",
        "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"hi\"}");
    t = step(line, "wire_protocol_first_parse", t);

    WebSocketEventJson.read(new ByteArrayInputStream(event));
    t = step(line, "event_json_first_read", t);

    // DynamoDB Local keeps tables per access key: the same key as the harness that created the table.
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    DynamoDbClient client = DynamoDbClients.create(Region.US_EAST_1, credentials, Optional.of(dynamo));
    t = step(line, "dynamodb_client_build", t);

    client.getItem(r -> r.tableName(table).key(java.util.Map.of("connectionId", AttributeValue.fromS("probe"))));
    t = step(line, "dynamodb_first_request", t);

    client.getItem(r -> r.tableName(table).key(java.util.Map.of("connectionId", AttributeValue.fromS("probe2"))));
    t = step(line, "dynamodb_second_request", t);

    try (ApiGatewayMessageSenders senders = new ApiGatewayMessageSenders(Region.US_EAST_1, credentials, m -> new byte[0])) {
      senders.open(callback);
      t = step(line, "management_api_client_build", t);
    }

    new ChatLambdaHandler();
    step(line, "chat_handler_rest", t);
    System.out.println(line);
    System.out.flush();
    System.exit(0);
  }

  private static long step(StringBuilder line, String name, long since) {
    long now = System.nanoTime();
    line.append(' ').append(name).append('=').append((now - since) / 1_000);
    return now;
  }
}
