package io.wschat.localchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wschat.bootstrap.ChatConfig;
import io.wschat.bootstrap.ConfigurationException;
import io.wschat.domain.model.SendRate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The send limit is two parameters of the template, passed to the function as the variables ChatConfig reads,
 * with the chat's own defaults and bounds, and a pattern that lets through only what ChatConfig accepts.
 */
class SendRateTemplateTest {
  private static JsonNode parameter(String name) {
    JsonNode parameter = Template.INSTANCE.root.path("Parameters").path(name);
    assertThat(parameter.isMissingNode()).as("parameter %s", name).isFalse();
    return parameter;
  }

  private static JsonNode variables() {
    return Template.INSTANCE.resource(TemplateTest.chatFunctionId()).path("Properties").path("Environment")
        .path("Variables");
  }

  @Test
  void theFunctionGetsBothParameters() {
    assertThat(variables().path(ChatConfig.MESSAGES_PER_SECOND).toString()).isEqualTo("{\"Ref\":\"MessagesPerSecond\"}");
    assertThat(variables().path(ChatConfig.MESSAGE_BURST).toString()).isEqualTo("{\"Ref\":\"MessageBurst\"}");
  }

  @Test
  void theDefaultsAreTheChatsDefaults() {
    assertThat(Double.parseDouble(parameter("MessagesPerSecond").path("Default").asText()))
        .isEqualTo(SendRate.DEFAULT_PER_SECOND);
    assertThat(parameter("MessageBurst").path("Default").asInt()).isEqualTo(SendRate.DEFAULT_BURST);
    assertThat(parameter("MessageBurst").path("MinValue").asInt()).isEqualTo(1);
    assertThat(parameter("MessageBurst").path("MaxValue").asInt()).isEqualTo(SendRate.MAX_BURST);
  }

  @Test
  void theRatePatternLetsThroughOnlyWhatTheChatAccepts() {
    String pattern = parameter("MessagesPerSecond").path("AllowedPattern").asText();
    for (String accepted : List.of("10", "0.5", "250", "1000000", "none")) {
      assertThat(accepted).matches(pattern);
      ChatConfig.from(Map.of("CHAT_STORE", "memory", ChatConfig.MESSAGES_PER_SECOND, accepted));
    }
    for (String refused : List.of("fast", "-1", "1e3", "1.", ".5", "", "10/s")) {
      assertThat(refused).doesNotMatch(pattern);
    }
    for (String patternOnly : List.of("0", "0.0", "1000001")) {
      // The pattern cannot count; the chat refuses these at init, naming the variable.
      assertThat(patternOnly).matches(pattern);
      assertThatThrownBy(() -> ChatConfig.from(Map.of("CHAT_STORE", "memory",
          ChatConfig.MESSAGES_PER_SECOND, patternOnly))).isInstanceOf(ConfigurationException.class);
    }
  }
}
