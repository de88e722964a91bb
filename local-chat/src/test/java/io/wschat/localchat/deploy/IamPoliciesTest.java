package io.wschat.localchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, checked: no IAM statement in template.yaml or deploy/iam/ grants every action of a service, and
 * the deploy policy names its resources, except for the actions docs/deploy.md lists as needing
 * {@code "Resource": "*"}, each with its reason.
 */
class IamPoliciesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The marker in docs/deploy.md that opens the table of actions allowed on every resource. */
  static final String EXCEPTIONS_MARKER = "<!-- resource-star-exceptions -->";
  private static final Pattern ACTION = Pattern.compile("`([a-z0-9-]+:[A-Za-z0-9]+)`");

  @Test
  void noStatementAnywhereGrantsAWildcardAction() throws IOException {
    Map<String, JsonNode> documents = new TreeMap<>();
    documents.put("template.yaml", Template.INSTANCE.root);
    documents.putAll(iamFiles());
    assertThat(documents).containsKeys("deploy/iam/trust-policy.json", "deploy/iam/deploy-policy.json");
    documents.forEach((name, document) -> {
      List<JsonNode> statements = statements(document);
      assertThat(statements).as("IAM statements in %s", name).isNotEmpty();
      for (JsonNode statement : statements) {
        assertThat(statement.has("NotAction")).as("NotAction in %s: %s", name, statement).isFalse();
        assertThat(actions(statement)).as("actions in %s: %s", name, statement).isNotEmpty()
            .allSatisfy(action -> assertThat(action).as("in %s", name).doesNotMatch("\\*|[^:]+:\\*"));
      }
    });
  }

  @Test
  void theDeployPolicyNamesItsResourcesSaveForTheDocumentedExceptions() throws IOException {
    Set<String> documented = documentedExceptions();
    Set<String> used = new TreeSet<>();
    for (JsonNode statement : statements(deployPolicy())) {
      assertThat(statement.has("NotResource")).as("NotResource: %s", statement).isFalse();
      // A Deny on every resource takes away, it grants nothing.
      if (statement.path("Effect").asText().equals("Allow") && resources(statement).contains("*")) {
        assertThat(actions(statement)).as("actions on \"Resource\": \"*\", each must be listed in docs/deploy.md")
            .isSubsetOf(documented);
        used.addAll(actions(statement));
      }
    }
    assertThat(documented).as("docs/deploy.md lists no exception the policy does not use").isEqualTo(used);
  }

  @Test
  void theDeployRoleTrustsOnlyTheMainBranchOfThisRepositoryThroughGitHubOidc() throws IOException {
    List<JsonNode> statements = statements(JSON.readTree(Repository.file("deploy/iam/trust-policy.json").toFile()));
    assertThat(statements).hasSize(1);
    JsonNode statement = statements.get(0);
    assertThat(statement.path("Principal").path("Federated").asText())
        .endsWith(":oidc-provider/token.actions.githubusercontent.com");
    assertThat(actions(statement)).containsExactly("sts:AssumeRoleWithWebIdentity");
    JsonNode equals = statement.path("Condition").path("StringEquals");
    assertThat(equals.path("token.actions.githubusercontent.com:aud").asText()).isEqualTo("sts.amazonaws.com");
    assertThat(equals.path("token.actions.githubusercontent.com:sub").asText())
        .isEqualTo("repo:${GITHUB_REPOSITORY}:ref:refs/heads/main");
    assertThat(statement.path("Condition").has("StringLike")).as("no pattern widens the subject").isFalse();
  }

  @Test
  void passRoleGoesToTheFunctionRolesAndToLambdaOnly() throws IOException {
    List<JsonNode> passRole = statements(deployPolicy()).stream()
        .filter(s -> actions(s).contains("iam:PassRole"))
        .toList();
    assertThat(passRole).hasSize(1);
    assertThat(actions(passRole.get(0))).containsExactly("iam:PassRole");
    assertThat(resources(passRole.get(0))).containsExactlyInAnyOrderElementsOf(functionRoleArns());
    assertThat(passRole.get(0).path("Condition").path("StringEquals").path("iam:PassedToService").asText())
        .isEqualTo("lambda.amazonaws.com");
  }

  @Test
  void theDeployRoleManagesTheFunctionRolesOnly() throws IOException {
    List<JsonNode> iam = statements(deployPolicy()).stream()
        .filter(s -> s.path("Effect").asText().equals("Allow"))
        .filter(s -> actions(s).stream().anyMatch(a -> a.startsWith("iam:")))
        .toList();
    assertThat(iam).isNotEmpty();
    Set<String> roles = new TreeSet<>();
    for (JsonNode statement : iam) {
      assertThat(actions(statement)).as("%s", statement).allMatch(a -> a.startsWith("iam:"));
      assertThat(functionRoleArns()).as("%s", statement).containsAll(resources(statement));
      if (actions(statement).contains("iam:CreateRole")) {
        roles.addAll(resources(statement));
      }
    }
    assertThat(roles).as("roles the deploy role may create").isEqualTo(new TreeSet<>(functionRoleArns()));
  }

  /** Each function writes its own log group, the one the template creates for it, and no other. */
  @Test
  void eachFunctionMayWriteItsOwnLogGroupOnly() {
    Map<String, JsonNode> functions = Template.INSTANCE.resources("AWS::Serverless::Function");
    Set<String> logGroups = new TreeSet<>();
    Template.INSTANCE.resources("AWS::Logs::LogGroup")
        .forEach((id, group) -> logGroups.add(group.path("Properties").path("LogGroupName").path("Fn::Sub").asText()));
    functions.forEach((id, function) -> {
      String name = function.path("Properties").path("FunctionName").path("Fn::Sub").asText();
      assertThat(name).as("FunctionName of %s", id).startsWith("${AWS::StackName}-");
      String group = "/aws/lambda/" + name;
      assertThat(logGroups).as("a log group for %s", id).contains(group);
      List<JsonNode> logs = statements(Template.INSTANCE.resource(Template.roleOf(id, function))).stream()
          .filter(s -> actions(s).stream().anyMatch(a -> a.startsWith("logs:")))
          .toList();
      assertThat(logs).as("log statements of %s's role", id).hasSize(1);
      assertThat(actions(logs.get(0))).containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
      assertThat(logs.get(0).path("Resource").path("Fn::Sub").asText()).isEqualTo(
          "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:" + group + ":*");
    });
  }

  @Test
  void theAuthorizersRoleMayWriteItsLogsAndTracesAndNothingElse() {
    String functionId = AuthorizerTemplateTest.authorizerFunctionId();
    JsonNode role = Template.INSTANCE.resource(
        Template.roleOf(functionId, Template.INSTANCE.resource(functionId)));
    assertThat(role.path("Properties").has("ManagedPolicyArns")).isFalse();
    List<JsonNode> statements = statements(role.path("Properties").path("Policies"));
    // Its logs; with XRayTracing=on, its traces too (OperationsTemplateTest).
    assertThat(statements).hasSize(2);
    assertThat(actions(statements.get(0))).allMatch(a -> a.startsWith("logs:"));
    assertThat(actions(statements.get(1))).allMatch(a -> a.startsWith("xray:"));
  }

  /**
   * The role of every function in template.yaml, as the deploy policy names it: CloudFormation calls a generated
   * role {@code <stack>-<logical id>-<suffix>}. Exactly two: the chat function's and the authorizer's.
   */
  static List<String> functionRoleArns() {
    Map<String, JsonNode> functions = Template.INSTANCE.resources("AWS::Serverless::Function");
    assertThat(functions.keySet()).containsExactlyInAnyOrder(
        TemplateTest.chatFunctionId(), AuthorizerTemplateTest.authorizerFunctionId());
    List<String> arns = new ArrayList<>();
    functions.forEach((id, function) -> arns.add(
        "arn:aws:iam::${AWS_ACCOUNT_ID}:role/${STACK_NAME}-" + Template.roleOf(id, function) + "-*"));
    return arns;
  }

  /** Every statement in a document, however deep: policy documents nest inside template resources. */
  static List<JsonNode> statements(JsonNode document) {
    List<JsonNode> found = new ArrayList<>();
    collect(document, found);
    return found;
  }

  private static void collect(JsonNode node, List<JsonNode> found) {
    if (node.isObject()) {
      JsonNode statement = node.get("Statement");
      if (statement != null) {
        if (statement.isArray()) {
          statement.forEach(found::add);
        } else {
          found.add(statement);
        }
      }
      node.forEach(child -> collect(child, found));
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, found));
    }
  }

  static List<String> actions(JsonNode statement) {
    return strings(statement.path("Action"));
  }

  static List<String> resources(JsonNode statement) {
    return strings(statement.path("Resource"));
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isTextual()) {
      values.add(node.asText());
    } else if (node.isArray()) {
      node.forEach(v -> values.add(v.isTextual() ? v.asText() : v.toString()));
    } else if (!node.isMissingNode()) {
      values.add(node.toString());
    }
    return values;
  }

  static JsonNode deployPolicy() throws IOException {
    return JSON.readTree(Repository.file("deploy/iam/deploy-policy.json").toFile());
  }

  private static Map<String, JsonNode> iamFiles() throws IOException {
    Map<String, JsonNode> files = new TreeMap<>();
    try (Stream<Path> paths = Files.list(Repository.file("deploy/iam"))) {
      for (Path path : paths.filter(p -> p.toString().endsWith(".json")).toList()) {
        files.put("deploy/iam/" + path.getFileName(), JSON.readTree(path.toFile()));
      }
    }
    return files;
  }

  /** The backquoted actions in the section of docs/deploy.md that follows the marker, up to the next heading. */
  static Set<String> documentedExceptions() throws IOException {
    return documentedActions(EXCEPTIONS_MARKER);
  }

  /** The backquoted actions in the section of docs/deploy.md that follows {@code marker}, up to the next heading. */
  static Set<String> documentedActions(String marker) throws IOException {
    String doc = Files.readString(Repository.file("docs/deploy.md"));
    int start = doc.indexOf(marker);
    assertThat(start).as("%s in docs/deploy.md", marker).isNotNegative();
    String section = doc.substring(start);
    int end = section.indexOf("\n#");
    section = end < 0 ? section : section.substring(0, end);
    Set<String> actions = new TreeSet<>();
    Matcher m = ACTION.matcher(section);
    while (m.find()) {
      actions.add(m.group(1));
    }
    return actions;
  }
}
