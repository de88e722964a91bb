package io.wschat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.adapter.lambda.fixture.Events;
import io.wschat.adapter.lambda.fixture.TestContext;
import io.wschat.engines.RedisServer;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SnapStart readiness: the org.crac hooks ChatLambdaHandler registers run, priming sends nothing and changes
 * nothing, and the handler works after a simulated restore, even when every connection it had is dead.
 */
class SnapStartTest {
  static final String ALICE = "BzJ9kcfLjoECIqw=";
  static final String BOB = "BzJ9mdP1joECGfQ=";

  ManagementApiTestServer api;
  RedisServer redis;

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  void converse(ChatLambdaHandler handler) {
    for (String[] c : new String[][] {{ALICE, "alice"}, {BOB, "bob"}}) {
      handler.handle(Events.connect(c[0]), new TestContext());
      handler.handle(Events.message(c[0], "registerUser",
          "{\"action\":\"registerUser\",\"userId\":\"" + c[1] + "\"}"), new TestContext());
    }
    var response = handler.handle(Events.message(ALICE, "sendPrivateMessage",
        "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"after restore\"}"), new TestContext());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void the_hooks_run_and_priming_leaves_no_trace() throws Exception {
    api = new ManagementApiTestServer("prod");
    ChatLambdaHandler handler = new ChatLambdaHandler(ChatConfig.from(Map.of(
        "CHAT_STORE", "memory", "WEBSOCKET_CALLBACK_URL", api.endpoint().toString())));

    long started = System.nanoTime();
    handler.snapStart().beforeCheckpoint(null);
    long primingMillis = (System.nanoTime() - started) / 1_000_000;
    handler.snapStart().afterRestore(null);

    assertThat(handler.snapStart().checkpoints()).isEqualTo(1);
    assertThat(handler.snapStart().restores()).isEqualTo(1);
    assertThat(api.framesTo(ALICE)).isEmpty();
    assertThat(api.allFrames()).as("priming posts nothing").isEmpty();
    assertThat(handler.application().registry().connectionsOf(new UserId("prime-b"))).as("nor registers").isEmpty();
    System.out.println("SnapStartTest: priming took " + primingMillis + " ms");

    converse(handler);
    assertThat(api.framesTo(BOB)).anySatisfy(frame -> assertThat(frame).contains("after restore"));
  }

  @Test
  void after_a_restore_redis_connections_are_new() throws Exception {
    api = new ManagementApiTestServer("prod");
    redis = RedisServer.start();
    ChatLambdaHandler handler = new ChatLambdaHandler(ChatConfig.from(Map.of(
        "CHAT_STORE", "redis", "REDIS_URL", redis.url(), "WEBSOCKET_CALLBACK_URL", api.endpoint().toString())));
    converse(handler); // the pool now holds open connections

    handler.snapStart().beforeCheckpoint(null);
    converse(handler); // connections opened after the hook (by other hooks, say) are in the snapshot too
    redis.kill(); // in a restored copy, every socket from before the snapshot is dead
    redis.restart();
    handler.snapStart().afterRestore(null);

    // Unregister is the one operation the adapter never retries (a lost reply would make a retry lie), so as the
    // first operation after the restore it succeeds only if the hooks left no dead connection in the pool.
    var disconnect = handler.handle(Events.disconnect(BOB), new TestContext());
    assertThat(disconnect.statusCode()).as("the first operation after restore").isEqualTo(200);
    assertThat(handler.application().registry().userOf(new ConnectionId(BOB))).isEmpty();
    converse(handler);
  }
}
