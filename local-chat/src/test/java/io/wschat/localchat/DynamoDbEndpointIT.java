package io.wschat.localchat;

import static io.wschat.localchat.Frames.register;
import static io.wschat.localchat.Frames.registered;
import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.adapter.dynamodb.ConnectionsTable;
import io.wschat.adapter.dynamodb.DynamoDbClients;
import io.wschat.bootstrap.ChatApplication;
import io.wschat.engines.DynamoDbServer;
import io.wschat.localchat.deploy.Repository;
import io.wschat.localgateway.WsClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code --dynamodb-endpoint}: the runner uses an existing DynamoDB Local (here one this test starts in its JVM),
 * says when it creates a table there, and ends in one line when nothing answers at the address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbEndpointIT {
  private DynamoDbServer existing;
  private DynamoDbClient client;

  @BeforeAll
  void startDynamoDbLocal() {
    existing = DynamoDbServer.inProcess();
    client = DynamoDbClients.create(Region.US_EAST_1, ChatApplication.credentialsOutsideLambda(existing.endpoint()), Optional.of(existing.endpoint()));
  }

  @AfterAll
  void stopDynamoDbLocal() {
    client.close();
    existing.close();
  }

  @Test
  void the_chat_runs_on_an_existing_endpoint_and_names_each_table_it_creates_there() throws Exception {
    String table = LocalChat.Options.defaults().table();
    LocalChat[] chat = new LocalChat[1];
    String out = stdout(() -> {
      chat[0] = LocalChat.start(options(), Optional.of(existing.endpoint()));
    });
    try (LocalChat running = chat[0]; WsClient olga = WsClient.connect(running.webSocketUri())) {
      assertThat(out.lines()).contains(
          "wschat-local: created DynamoDB table " + table + " at " + existing.endpoint(),
          "wschat-local: created DynamoDB table " + LocalChat.MESSAGES_TABLE + " at " + existing.endpoint());
      assertThat(out).doesNotContain("embedded");

      olga.send(register("olga"));
      assertThat(olga.next()).isEqualTo(registered("olga"));
      List<String> users = client.scan(scan -> scan.tableName(table)).items().stream()
          .map(item -> item.getOrDefault(ConnectionsTable.USER_ID, AttributeValue.fromS("")).s()).toList();
      assertThat(users).as("the handler registered olga in the existing DynamoDB Local").contains("olga");
    }

    // Started again on the same endpoint, the tables exist: nothing is created, and nothing is said.
    String again = stdout(() -> {
      chat[0] = LocalChat.start(options(), Optional.of(existing.endpoint()));
    });
    chat[0].close();
    assertThat(again).doesNotContain("created");
  }

  @Test
  void the_embedded_dynamodb_local_is_named_with_its_endpoint() {
    LocalChat[] chat = new LocalChat[1];
    String out = stdout(() -> {
      chat[0] = LocalChat.start(options(), Optional.empty());
    });
    chat[0].close();
    assertThat(out).containsPattern("wschat-local: embedded DynamoDB Local at http://127\\.0\\.0\\.1:\\d+");
  }

  @Test
  void an_endpoint_where_nothing_answers_ends_with_one_line_naming_the_flag_the_address_and_the_table() {
    StringWriter err = new StringWriter();
    CommandLine command = LocalChatCommand.commandLine();
    command.setErr(new PrintWriter(err, true));
    long start = System.nanoTime();
    int exit = command.execute("--port", "0", "--store", "dynamodb", "--dynamodb-endpoint", "http://127.0.0.1:1",
        "--template", Repository.file("template.yaml").toString());
    assertThat(exit).isEqualTo(2);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(err.toString().lines()).singleElement().asString().startsWith(
        "wschat-local: cannot reach DynamoDB at http://127.0.0.1:1 (--dynamodb-endpoint), DescribeTable"
            + " wschat-connections: ").containsIgnoringCase("refused");
  }

  private static LocalChat.Options options() {
    return LocalChat.Options.defaults().withPort(0).withTemplate(Repository.file("template.yaml"))
        .withStore(LocalChat.Store.DYNAMODB, Optional.empty());
  }

  /** What {@code action} prints to System.out, where the runner's lines go. */
  private static String stdout(Runnable action) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
