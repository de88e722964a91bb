package io.wschat.localchat.deploy;

import static io.wschat.localchat.deploy.IamPoliciesTest.actions;
import static io.wschat.localchat.deploy.IamPoliciesTest.resources;
import static io.wschat.localchat.deploy.IamPoliciesTest.statements;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The deploy role cannot escalate: every role the stack creates carries the function boundary, the deploy policy
 * lets it create and change those roles only with that boundary, never lets it change the boundary, and the
 * boundary itself grants no more than the functions use. Each rule of {@link EscalationRules} is shown failing on
 * a planted slip.
 */
class NoEscalationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The section of docs/deploy.md that lists the IAM writes whose requests cannot carry the boundary. */
  static final String WITHOUT_BOUNDARY_MARKER = "<!-- iam-writes-without-boundary-key -->";
  /** AWSLambdaENIManagementAccess, the only managed policy the template attaches (AWS managed policy reference). */
  /** What Lambda's active tracing sends; X-Ray's actions take no resource ARN. */
  private static final List<String> X_RAY_UPLOADS = List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords");
  private static final Map<String, List<String>> MANAGED_POLICIES = Map.of(
      "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaENIManagementAccess",
      List.of("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface",
          "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"));

  // ---------------------------------------------------------------- the real files

  @Test
  void everyRoleInTheTemplateCarriesTheBoundary() {
    assertThat(Template.INSTANCE.resources("AWS::IAM::Role")).hasSize(2);
    assertThat(EscalationRules.templateViolations(Template.INSTANCE.root)).isEmpty();
  }

  @Test
  void theDeployPolicyCannotEscalate() throws IOException {
    assertThat(violations(IamPoliciesTest.deployPolicy())).isEmpty();
  }

  @Test
  void theTemplateAndTheDeployPolicyNameTheSameBoundary() {
    String fromTemplate = EscalationRules.TEMPLATE_BOUNDARY
        .replace("${AWS::Partition}", "aws")
        .replace("${AWS::AccountId}", "${AWS_ACCOUNT_ID}")
        .replace("${AWS::StackName}", "${STACK_NAME}");
    assertThat(fromTemplate).isEqualTo(EscalationRules.BOUNDARY_ARN);
  }

  /** The documented exceptions are real: each is used, and none of them could have carried the condition. */
  @Test
  void theIamWritesWithoutTheBoundaryConditionAreDocumentedAndUsed() throws IOException {
    Set<String> documented = IamPoliciesTest.documentedActions(WITHOUT_BOUNDARY_MARKER);
    Set<String> used = new TreeSet<>();
    for (JsonNode statement : statements(IamPoliciesTest.deployPolicy())) {
      if (statement.path("Effect").asText().equals("Allow")) {
        actions(statement).stream()
            .filter(a -> EscalationRules.isIamWrite(a) && !a.equals("iam:PassRole"))
            .filter(a -> !EscalationRules.BOUNDARY_KEYED.contains(a))
            .forEach(used::add);
      }
    }
    assertThat(documented).isEqualTo(used).doesNotContainAnyElementsOf(EscalationRules.BOUNDARY_KEYED);
  }

  /** Without this, a function would fail on AWS though every test here passes. */
  @Test
  void theBoundaryAllowsEveryActionTheFunctionRolesAreGiven() throws IOException {
    Set<String> bounded = new TreeSet<>();
    statements(boundary()).forEach(s -> bounded.addAll(actions(s)));
    Set<String> granted = new TreeSet<>();
    Template.INSTANCE.resources("AWS::IAM::Role").forEach((id, role) -> {
      statements(role.path("Properties").path("Policies")).forEach(s -> granted.addAll(actions(s)));
      List<String> managed = new ArrayList<>();
      role.path("Properties").path("ManagedPolicyArns").findValues("Fn::Sub").forEach(a -> managed.add(a.asText()));
      assertThat(MANAGED_POLICIES.keySet()).as("managed policies of %s", id).containsAll(managed);
      managed.forEach(arn -> granted.addAll(MANAGED_POLICIES.get(arn)));
    });
    assertThat(granted).contains("secretsmanager:GetSecretValue", "ec2:CreateNetworkInterface");
    assertThat(bounded).containsAll(granted);
  }

  @Test
  void theBoundaryGrantsNoIamNoRoleAndNoWildcard() throws IOException {
    for (JsonNode statement : statements(boundary())) {
      assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
      assertThat(actions(statement)).allSatisfy(action -> assertThat(action)
          .doesNotStartWith("iam:").doesNotStartWith("sts:").doesNotStartWith("lambda:").doesNotContain("*"));
      if (resources(statement).contains("*")) {
        assertThat(actions(statement)).as("only EC2's network interface actions and X-Ray's trace uploads take no"
            + " resource ARN").allMatch(a -> a.startsWith("ec2:") || X_RAY_UPLOADS.contains(a));
      } else {
        assertThat(resources(statement)).allSatisfy(r -> assertThat(r).contains("${AWS_ACCOUNT_ID}"));
      }
    }
  }

  /**
   * The deploy role may create an API only with the name and tag the template gives it, and change only APIs with
   * that tag: the two must agree, or the first deploy is refused.
   */
  @Test
  void theApiStatementsNameTheTemplatesApiByItsNameAndTag() throws IOException {
    JsonNode api = Template.INSTANCE.resources("AWS::ApiGatewayV2::Api").values().iterator().next().path("Properties");
    assertThat(api.path("Name").path("Fn::Sub").asText()).isEqualTo("${AWS::StackName}-chat");
    assertThat(api.path("Tags").path("wschat-stack").path("Ref").asText()).isEqualTo("AWS::StackName");
    JsonNode stage = Template.INSTANCE.resources("AWS::ApiGatewayV2::Stage").values().iterator().next();
    assertThat(stage.path("Properties").path("Tags").path("wschat-stack").path("Ref").asText())
        .isEqualTo("AWS::StackName");
    List<JsonNode> apiStatements = statements(IamPoliciesTest.deployPolicy()).stream()
        .filter(s -> actions(s).stream().anyMatch(a -> a.startsWith("apigateway:")))
        .toList();
    assertThat(apiStatements).hasSize(2).allSatisfy(s -> assertThat(s.has("Condition")).as("%s", s).isTrue());
    for (JsonNode statement : apiStatements) {
      JsonNode equals = statement.path("Condition").path("StringEquals");
      if (resources(statement).contains("arn:aws:apigateway:${AWS_REGION}::/apis")) {
        assertThat(actions(statement)).containsExactly("apigateway:POST");
        assertThat(equals.path("apigateway:Request/ApiName").asText()).isEqualTo("${STACK_NAME}-chat");
        assertThat(equals.path("aws:RequestTag/wschat-stack").asText()).isEqualTo("${STACK_NAME}");
      } else {
        assertThat(equals.path("aws:ResourceTag/wschat-stack").asText()).isEqualTo("${STACK_NAME}");
      }
    }
  }

  // ---------------------------------------------------------------- each rule, failing

  @Test
  void aRoleWithoutTheBoundaryIsReported() {
    ObjectNode template = Template.INSTANCE.root.deepCopy();
    ((ObjectNode) template.path("Resources").path("AuthorizerFunctionRole").path("Properties"))
        .remove("PermissionsBoundary");
    assertThat(EscalationRules.templateViolations(template))
        .containsExactly("AuthorizerFunctionRole: a role without the permissions boundary "
            + EscalationRules.TEMPLATE_BOUNDARY);
  }

  @Test
  void aFunctionWhoseRoleSamWouldCreateIsReported() {
    ObjectNode template = Template.INSTANCE.root.deepCopy();
    ((ObjectNode) template.path("Resources").path("ChatFunction").path("Properties")).remove("Role");
    ((ObjectNode) template.path("Resources")).putObject("Extra").put("Type", "AWS::IAM::ManagedPolicy");
    ((ObjectNode) template.path("Resources").path("AuthorizerFunction").path("Properties"))
        .putObject("DeploymentPreference").put("Type", "Canary10Percent5Minutes");
    assertThat(EscalationRules.templateViolations(template)).hasSize(3)
        .anyMatch(v -> v.startsWith("ChatFunction: a function without Role"))
        .anyMatch(v -> v.startsWith("AuthorizerFunction: DeploymentPreference makes SAM create a CodeDeploy role"))
        .anyMatch(v -> v.startsWith("Extra: AWS::IAM::ManagedPolicy is not allowed"));
  }

  @Test
  void anIamWriteWithoutTheBoundaryConditionIsReported() throws IOException {
    assertThat(plantedViolations(policy -> statement(policy, "CreateAndChangeTheFunctionRolesOnlyWithTheBoundary")
        .remove("Condition")))
        .contains("CreateAndChangeTheFunctionRolesOnlyWithTheBoundary: allows iam:CreateRole without the"
            + " iam:PermissionsBoundary condition");
    assertThat(plantedViolations(policy -> ((ObjectNode) statement(policy,
        "CreateAndChangeTheFunctionRolesOnlyWithTheBoundary").path("Condition").path("StringEquals"))
        .put("iam:PermissionsBoundary", "arn:aws:iam::aws:policy/AdministratorAccess")))
        .anyMatch(v -> v.endsWith("allows iam:PutRolePolicy without the iam:PermissionsBoundary condition"));
  }

  @Test
  void anUndocumentedIamWriteIsReported() throws IOException {
    assertThat(plantedViolations(policy -> statement(policy, "TheFunctionRolesThemselves")
        .withArray("Action").add("iam:UpdateAssumeRolePolicy")))
        .containsExactly("TheFunctionRolesThemselves: allows iam:UpdateAssumeRolePolicy, which cannot require the"
            + " boundary and is no documented exception");
  }

  @Test
  void aWildcardActionIsReported() throws IOException {
    assertThat(plantedViolations(policy -> statement(policy, "TheStack").put("Action", "*")))
        .contains("TheStack: allows the wildcard action *");
    assertThat(plantedViolations(policy -> statement(policy, "TheFunctionRolesThemselves")
        .withArray("Action").add("iam:*")))
        .contains("TheFunctionRolesThemselves: allows the wildcard action iam:*");
  }

  @Test
  void anUnscopedPassRoleIsReported() throws IOException {
    assertThat(plantedViolations(policy -> statement(policy, "PassTheFunctionRolesToLambdaOnly").put("Resource", "*")))
        .containsExactly("PassTheFunctionRolesToLambdaOnly: passes roles other than the function roles: [*]");
    assertThat(plantedViolations(policy -> statement(policy, "PassTheFunctionRolesToLambdaOnly").remove("Condition")))
        .containsExactly("PassTheFunctionRolesToLambdaOnly: passes roles to services other than Lambda");
  }

  @Test
  void aBoundaryThatCanBeChangedOrRemovedIsReported() throws IOException {
    assertThat(plantedViolations(policy -> removeStatement(policy, "NeverTheBoundaryItself")))
        .containsExactly("no Deny keeps " + EscalationRules.BOUNDARY_ARN + " from being changed or deleted ("
            + EscalationRules.BOUNDARY_CHANGES + ")");
    assertThat(plantedViolations(policy -> removeStatement(policy, "NeverARoleWithoutItsBoundary")))
        .containsExactly("no Deny of iam:DeleteRolePermissionsBoundary on every role");
    assertThat(plantedViolations(policy -> statement(policy, "TheFunctionRolesThemselves")
        .withArray("Action").add("iam:CreatePolicyVersion").add("iam:DeleteRolePermissionsBoundary")))
        .contains("TheFunctionRolesThemselves: allows iam:CreatePolicyVersion, which could rewrite the boundary",
            "TheFunctionRolesThemselves: allows taking the boundary off a role");
  }

  // ---------------------------------------------------------------- helpers

  private static List<String> violations(JsonNode policy) throws IOException {
    return EscalationRules.deployPolicyViolations(policy,
        IamPoliciesTest.documentedActions(WITHOUT_BOUNDARY_MARKER), IamPoliciesTest.functionRoleArns());
  }

  /** The violations of the real deploy policy after {@code slip}. */
  private static List<String> plantedViolations(Consumer<ObjectNode> slip) throws IOException {
    ObjectNode policy = IamPoliciesTest.deployPolicy().deepCopy();
    slip.accept(policy);
    return violations(policy);
  }

  private static ObjectNode statement(ObjectNode policy, String sid) {
    for (JsonNode statement : policy.path("Statement")) {
      if (sid.equals(statement.path("Sid").asText())) {
        return (ObjectNode) statement;
      }
    }
    throw new AssertionError("no statement " + sid + " in deploy-policy.json");
  }

  private static void removeStatement(ObjectNode policy, String sid) {
    ArrayNode all = (ArrayNode) policy.path("Statement");
    statement(policy, sid);
    for (int i = 0; i < all.size(); i++) {
      if (sid.equals(all.get(i).path("Sid").asText())) {
        all.remove(i);
        return;
      }
    }
  }

  private static JsonNode boundary() throws IOException {
    return JSON.readTree(Repository.file("deploy/iam/function-boundary.json").toFile());
  }
}
