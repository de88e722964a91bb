package io.wschat.localchat;

import static io.wschat.localchat.Frames.register;
import static io.wschat.localchat.Frames.registered;
import static io.wschat.localchat.Frames.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wschat.engines.RedisServer;
import io.wschat.localchat.deploy.Repository;
import io.wschat.localgateway.WsClient;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: a redis-server restarted under a running local chat. Every connection the runner's pools hold dies
 * with the old process; the first send after the restart must still be answered messageSent and delivered, not
 * INTERNAL_ERROR. The server writes its append-only file on every command, so the registrations survive the
 * restart (SIGKILL, then the same port) as they would on a replicated ElastiCache: the test is about dead pooled
 * connections, not about a store that forgot its users, and the two users need not register again.
 */
class RedisRestartIT {

  @Test
  void the_first_send_after_a_redis_restart_is_sent_and_delivered() throws Exception {
    try (RedisServer redis = RedisServer.start("--appendonly", "yes", "--appendfsync", "always");
        LocalChat chat = LocalChat.start(LocalChat.Options.defaults().withPort(0)
            .withTemplate(Repository.file("template.yaml"))
            .withStore(LocalChat.Store.REDIS, Optional.of(redis.url())));
        WsClient alice = registeredAs(chat, "alice");
        WsClient bob = registeredAs(chat, "bob")) {
      exchange(alice, bob, "before the restart");

      redis.restart();

      exchange(alice, bob, "after the restart");
      exchange(alice, bob, "and after that");
    }
  }

  /** Alice's message reaches bob's live connection, and alice hears it was sent, stored and delivered once. */
  private static void exchange(WsClient alice, WsClient bob, String text) throws InterruptedException {
    alice.send(send("bob", text));
    JsonNode answer = Frames.parse(alice.next());
    assertThat(answer.get("type").asText()).as("the answer to %s: %s", text, answer).isEqualTo("messageSent");
    assertThat(answer.get("deliveredTo").asInt()).isEqualTo(1);
    assertThat(answer.get("stored").asBoolean()).isTrue();
    JsonNode delivered = Frames.parse(bob.next());
    assertThat(delivered.get("type").asText()).isEqualTo("privateMessage");
    assertThat(delivered.get("message").asText()).isEqualTo(text);
    assertThat(delivered.get("messageId").asText()).isEqualTo(answer.get("messageId").asText());
  }

  private static WsClient registeredAs(LocalChat chat, String userId) throws InterruptedException {
    WsClient client = WsClient.connect(chat.webSocketUri());
    client.send(register(userId));
    assertThat(client.next()).isEqualTo(registered(userId));
    return client;
  }
}
