package io.wschat.localchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.bootstrap.ChatConfig;
import io.wschat.bootstrap.auth.AuthorizerConfig;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's tables name exactly the variables the chat ({@link ChatConfig#VARIABLES}) and the
 * authorizer ({@link AuthorizerConfig#VARIABLES}) read, and every variable template.yaml sets on a function is in
 * one of them. ({@link TemplateTest} holds the chat function's variables to ChatConfig's the other way.)
 */
class EnvironmentVariablesDocumentedTest {
  private static final Pattern VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]+");
  /** Set for the JVM, not for the chat: no ChatConfig variable, and Lambda's own documentation covers it. */
  private static final Set<String> RUNTIME_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

  @Test
  void theChatTableNamesEveryVariableChatConfigReadsAndNoOther() throws Exception {
    assertThat(DocTable.read("docs/configuration.md", "environment-variables").names(0, VARIABLE))
        .as("the chat function's variables in docs/configuration.md")
        .containsExactlyInAnyOrderElementsOf(ChatConfig.VARIABLES);
  }

  @Test
  void theAuthorizerTableNamesEveryVariableAuthorizerConfigReadsAndNoOther() throws Exception {
    assertThat(DocTable.read("docs/configuration.md", "authorizer-variables").names(0, VARIABLE))
        .as("the authorizer's variables in docs/configuration.md")
        .containsExactlyInAnyOrderElementsOf(AuthorizerConfig.VARIABLES);
  }

  @Test
  void everyVariableTheTemplateSetsIsDocumented() throws Exception {
    Set<String> documented = new TreeSet<>(
        DocTable.read("docs/configuration.md", "environment-variables").names(0, VARIABLE));
    documented.addAll(DocTable.read("docs/configuration.md", "authorizer-variables").names(0, VARIABLE));
    Set<String> set = new TreeSet<>();
    Template.INSTANCE.resources("AWS::Serverless::Function").values().forEach(function -> function
        .path("Properties").path("Environment").path("Variables").fieldNames().forEachRemaining(set::add));
    set.removeAll(RUNTIME_VARIABLES);
    assertThat(set).as("variables template.yaml sets").isNotEmpty();
    assertThat(documented).as("variables in docs/configuration.md").containsAll(set);
  }
}
