package io.wschat.localchat;

import io.wschat.localchat.deploy.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The repository's template.yaml with a change made to its text, written where a test wants it. Edited as text so
 * that the copy keeps its CloudFormation tags and reads exactly as the original does everywhere else.
 */
final class TemplateCopy {
  private static final Pattern RESOURCE = Pattern.compile("^  [A-Za-z0-9]+:\\s*$");

  private final List<String> lines;

  private TemplateCopy(List<String> lines) {
    this.lines = lines;
  }

  static TemplateCopy ofRepository() {
    try {
      return new TemplateCopy(new ArrayList<>(Files.readAllLines(Repository.file("template.yaml"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Without the route resource whose RouteKey is {@code routeKey}. */
  TemplateCopy withoutRoute(String routeKey) {
    Pattern key = Pattern.compile("^\\s+RouteKey:\\s*\"?" + Pattern.quote(routeKey) + "\"?\\s*$");
    for (int start = 0; start < lines.size(); start++) {
      if (!RESOURCE.matcher(lines.get(start)).matches()) {
        continue;
      }
      int end = endOfResource(start);
      if (lines.subList(start, end).stream().anyMatch(line -> key.matcher(line).matches())) {
        lines.subList(start, end).clear();
        return this;
      }
    }
    throw new IllegalArgumentException("template.yaml has no route " + routeKey);
  }

  /**
   * With {@code $connect} served by a function of its own, whose handler is {@code handler}: the runner builds it
   * through its {@code (ChatConfig)} constructor, with the store settings the chat function gets.
   */
  TemplateCopy withConnectHandledBy(Class<?> handler) {
    int connect = resourceIndex("ConnectRoute");
    int end = endOfResource(connect);
    int target = -1;
    for (int i = connect; i < end; i++) {
      if (lines.get(i).contains("integrations/${ChatIntegration}")) {
        target = i;
      }
    }
    if (target < 0) {
      throw new IllegalStateException("ConnectRoute no longer targets ChatIntegration; update this test helper");
    }
    lines.set(target, lines.get(target).replace("${ChatIntegration}", "${TestConnectIntegration}"));
    lines.addAll(lines.indexOf("Resources:") + 1, List.of(
        "  TestConnectIntegration:",
        "    Type: AWS::ApiGatewayV2::Integration",
        "    Properties:",
        "      ApiId: !Ref ChatApi",
        "      IntegrationType: AWS_PROXY",
        "      IntegrationUri: !Sub \"arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/"
            + "functions/${TestConnectFunction.Arn}/invocations\"",
        "  TestConnectFunction:",
        "    Type: AWS::Serverless::Function",
        "    Properties:",
        "      Runtime: java25",
        "      Handler: " + handler.getName() + "::handleRequest",
        "      Environment:",
        "        Variables:",
        "          CHAT_STORE: !Ref Store",
        "          CONNECTIONS_TABLE: !Ref ConnectionsTable",
        "          REDIS_URL: !Ref RedisUrl",
        "          MESSAGES_TABLE: !Ref MessagesTable"));
    return this;
  }

  /**
   * With every route one-way (no route response, no RouteResponseSelectionExpression) and the chat function told
   * to post its answers instead ({@code ACKNOWLEDGE_VIA: post}), as an API built without route responses would be.
   */
  TemplateCopy withOneWayRoutesAndPostedAnswers() {
    for (int start = 0; start < lines.size(); start++) {
      if (RESOURCE.matcher(lines.get(start)).matches() && start + 1 < lines.size()
          && lines.get(start + 1).contains("Type: AWS::ApiGatewayV2::RouteResponse")) {
        lines.subList(start, endOfResource(start)).clear();
        start--;
      }
    }
    lines.removeIf(line -> line.strip().startsWith("RouteResponseSelectionExpression:"));
    int stage = resourceIndex("ChatStage");
    int dependsOn = stage + 2;
    if (!lines.get(dependsOn).strip().startsWith("DependsOn: [")) {
      throw new IllegalStateException("ChatStage's DependsOn moved; update this test helper");
    }
    while (!lines.get(dependsOn).strip().endsWith("]")) {
      lines.remove(dependsOn);
    }
    lines.set(dependsOn, "    DependsOn: [ConnectRoute, DisconnectRoute, DefaultRoute, RegisterUserRoute, SendPrivateMessageRoute]");
    int acknowledge = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().startsWith("ACKNOWLEDGE_VIA:")) {
        acknowledge = i;
      }
    }
    if (acknowledge < 0) {
      throw new IllegalStateException("template.yaml sets no ACKNOWLEDGE_VIA; update this test helper");
    }
    lines.set(acknowledge, lines.get(acknowledge).replace("route-response", "post"));
    return this;
  }

  Path writeTo(Path dir) {
    try {
      return Files.write(dir.resolve("template.yaml"), lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int resourceIndex(String logicalId) {
    int index = lines.indexOf("  " + logicalId + ":");
    if (index < 0) {
      throw new IllegalStateException("template.yaml has no resource " + logicalId);
    }
    return index;
  }

  /** The index just past a resource: the next line indented two spaces or less (comments included). */
  private int endOfResource(int start) {
    int end = start + 1;
    while (end < lines.size() && (lines.get(end).isBlank() || lines.get(end).startsWith("   "))) {
      end++;
    }
    return end;
  }
}
