package io.wschat.localchat;

import static io.wschat.localchat.Frames.register;
import static io.wschat.localchat.Frames.registered;
import static io.wschat.localchat.Frames.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wschat.adapter.lambda.Routes;
import io.wschat.localgateway.WsClient;
import io.wschat.localchat.deploy.Repository;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner serves the routes template.yaml declares, no more: a route taken out of the template is gone here too. */
class TemplateRoutesIT {
  @TempDir
  Path dir;

  @Test
  void the_runner_serves_every_route_of_the_template() {
    try (LocalChat chat = start(Repository.file("template.yaml"))) {
      assertThat(chat.routes()).containsExactlyInAnyOrderElementsOf(Routes.ALL);
    }
  }

  @Test
  void without_its_route_a_register_user_message_goes_to_default_which_still_registers() throws Exception {
    Path template = TemplateCopy.ofRepository().withoutRoute("registerUser").writeTo(dir);
    try (LocalChat chat = start(template); WsClient alice = WsClient.connect(chat.webSocketUri())) {
      assertThat(chat.routes()).doesNotContain("registerUser").contains("$default", "sendPrivateMessage");
      alice.send(register("alice"));
      assertThat(alice.next()).isEqualTo(registered("alice"));
    }
  }

  @Test
  void without_its_route_and_without_default_a_register_user_message_is_forbidden() throws Exception {
    Path template = TemplateCopy.ofRepository().withoutRoute("registerUser").withoutRoute("$default").writeTo(dir);
    try (LocalChat chat = start(template); WsClient alice = WsClient.connect(chat.webSocketUri())) {
      assertThat(chat.routes()).doesNotContain("registerUser", "$default").contains("$connect", "sendPrivateMessage");
      alice.send(register("alice"));
      JsonNode forbidden = Frames.parse(alice.next());
      assertThat(Frames.fieldNames(forbidden)).containsExactly("message", "connectionId", "requestId");
      assertThat(forbidden.get("message").asText()).isEqualTo("Forbidden");
      assertThat(forbidden.get("connectionId").asText()).matches("[A-Za-z0-9_-]{15}=");
      assertThat(forbidden.get("requestId").asText()).isNotBlank();

      alice.send(send("bob", "hello?")); // still routed, and alice never registered
      JsonNode error = Frames.parse(alice.next());
      assertThat(error.get("code").asText()).isEqualTo("NOT_REGISTERED");
    }
  }

  private static LocalChat start(Path template) {
    return LocalChat.start(LocalChat.Options.defaults().withPort(0).withTemplate(template));
  }
}
