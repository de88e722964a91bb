package io.wschat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.adapter.lambda.WebSocketResponse;
import io.wschat.adapter.lambda.fixture.Events;
import io.wschat.adapter.lambda.fixture.TestContext;
import io.wschat.engines.RedisCluster;
import io.wschat.engines.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A store that is down when the function starts does not fail the init; the first failing call names the variable
 * and the address in one ERROR line, later calls keep failing with INTERNAL_ERROR without repeating it, and once the
 * store is back (a real redis-server, stopped then started on the same port) everything works again.
 */
class StoreOutageTest {

  @Test
  void redis_down_at_init_is_named_once_and_the_chat_works_when_it_is_back() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      redis.kill();
      PrintStream stdout = System.out;
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try (ChatLambdaHandler lambda = new ChatLambdaHandler(Map.of("CHAT_STORE", "redis", "REDIS_URL", redis.url(),
          "MESSAGE_RETENTION", "none"))) {
        TestContext context = new TestContext();
        assertThat(register(lambda, context, "c-1").body()).contains("INTERNAL_ERROR");
        assertThat(register(lambda, context, "c-2").body()).contains("INTERNAL_ERROR");
        List<String> outage = lines(captured, "store_unreachable");
        assertThat(outage).singleElement().asString()
            .contains("\"level\":\"ERROR\"")
            .contains("REDIS_URL=redis://" + redis.host() + ":" + redis.port()).contains(" unreachable: ")
            .contains("Connection refused");

        redis.restart();
        assertThat(register(lambda, context, "c-3").body()).contains("registrationSuccess");
        assertThat(lines(captured, "store_back")).singleElement().asString().contains("REDIS_URL=");
        assertThat(lines(captured, "store_unreachable")).hasSize(1);
      } finally {
        System.setOut(stdout);
      }
    }
  }

  @Test
  void an_unreachable_redis_cluster_is_named_by_redis_url_with_every_seed_and_a_reachable_one_works() throws Exception {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (ChatLambdaHandler lambda = new ChatLambdaHandler(Map.of("CHAT_STORE", "redis",
        "REDIS_URL", "redis+cluster://127.0.0.1:1,127.0.0.1:2", "MESSAGE_RETENTION", "none"));
        RedisCluster cluster = RedisCluster.start();
        ChatLambdaHandler onCluster = new ChatLambdaHandler(Map.of("CHAT_STORE", "redis",
            "REDIS_URL", "redis+cluster://" + cluster.seeds().get(0), "MESSAGE_RETENTION", "none"))) {
      TestContext context = new TestContext();
      assertThat(register(lambda, context, "c-1").body()).contains("INTERNAL_ERROR");
      assertThat(lines(captured, "store_unreachable")).singleElement().asString()
          .contains("REDIS_URL=redis+cluster://127.0.0.1:1,127.0.0.1:2 unreachable: ")
          .contains("Connection refused");
      assertThat(register(onCluster, context, "c-2").body()).contains("registrationSuccess");
    } finally {
      System.setOut(stdout);
    }
  }

  @Test
  void a_wrong_cluster_url_fails_the_init_naming_redis_url_and_never_the_password() {
    for (String url : new String[] {"redis+cluster://:s3cr3t-pw@10.0.0.1:7000,10.0.0.2:7000/3",
        "redis://:s3cr3t-pw@10.0.0.1:7000,10.0.0.2:7000", "redis+sentinel://:s3cr3t-pw@10.0.0.1"}) {
      assertThatThrownBy(() -> new ChatLambdaHandler(Map.of("CHAT_STORE", "redis", "REDIS_URL", url,
          "MESSAGE_RETENTION", "none")))
          .hasMessageContaining("REDIS_URL")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-pw"));
    }
  }

  private static WebSocketResponse register(ChatLambdaHandler lambda, TestContext context, String connection) {
    return lambda.handle(Events.message(connection, "registerUser", "{\"action\":\"registerUser\",\"userId\":\"alice\"}"), context);
  }

  private static List<String> lines(ByteArrayOutputStream captured, String event) {
    return captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"event\":\"" + event + "\""))
        .toList();
  }
}
