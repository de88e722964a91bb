package io.wschat.localchat.deploy;

import static io.wschat.localchat.deploy.IamPoliciesTest.actions;
import static io.wschat.localchat.deploy.IamPoliciesTest.resources;
import static io.wschat.localchat.deploy.IamPoliciesTest.statements;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What keeps the deploy role from making itself, or any role it creates, more powerful than the function boundary:
 * each rule returns what it finds wrong in a policy or a template, so a test can show it failing on a planted slip
 * as well as passing on the real files.
 */
final class EscalationRules {
  /** The boundary as the deploy policy names it (deploy/iam/*.json placeholders). */
  static final String BOUNDARY_ARN = "arn:aws:iam::${AWS_ACCOUNT_ID}:policy/${STACK_NAME}-function-boundary";
  /** The same policy as template.yaml names it. */
  static final String TEMPLATE_BOUNDARY =
      "arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/${AWS::StackName}-function-boundary";
  /** The IAM actions whose request carries iam:PermissionsBoundary (IAM's service authorization reference). */
  static final Set<String> BOUNDARY_KEYED = Set.of("iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
      "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePermissionsBoundary",
      "iam:DeleteRolePermissionsBoundary");
  /** What would change or remove the boundary policy itself. */
  static final Set<String> BOUNDARY_CHANGES = Set.of("iam:CreatePolicyVersion", "iam:DeletePolicy",
      "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion");

  private EscalationRules() {}

  /**
   * Every way the deploy policy could grant more than the boundary: a wildcard action, an IAM write that does not
   * require the boundary (save the documented actions whose requests cannot carry it), an unscoped PassRole, or a
   * boundary that may be changed or taken off a role.
   */
  static List<String> deployPolicyViolations(JsonNode policy, Set<String> withoutBoundaryKey, List<String> roles) {
    List<String> found = new ArrayList<>();
    boolean boundaryFrozen = false;
    boolean boundaryStays = false;
    for (JsonNode statement : statements(policy)) {
      String sid = statement.path("Sid").asText("(no Sid)");
      if (statement.has("NotAction") || statement.has("NotResource")) {
        found.add(sid + ": NotAction or NotResource");
      }
      if ("Deny".equals(statement.path("Effect").asText())) {
        boundaryFrozen |= resources(statement).contains(BOUNDARY_ARN)
            && actions(statement).containsAll(BOUNDARY_CHANGES);
        boundaryStays |= resources(statement).contains("*")
            && actions(statement).contains("iam:DeleteRolePermissionsBoundary");
        continue;
      }
      for (String action : actions(statement)) {
        if (action.equals("*") || action.endsWith(":*") || (action.startsWith("iam:") && action.contains("*"))) {
          found.add(sid + ": allows the wildcard action " + action);
        }
        if (action.equals("iam:DeleteRolePermissionsBoundary")) {
          found.add(sid + ": allows taking the boundary off a role");
        }
        if (BOUNDARY_CHANGES.contains(action)) {
          found.add(sid + ": allows " + action + ", which could rewrite the boundary");
        }
        if (isIamWrite(action) && !action.equals("iam:PassRole")) {
          if (BOUNDARY_KEYED.contains(action)) {
            if (!requiresBoundary(statement)) {
              found.add(sid + ": allows " + action + " without the iam:PermissionsBoundary condition");
            }
          } else if (!withoutBoundaryKey.contains(action)) {
            found.add(sid + ": allows " + action + ", which cannot require the boundary and is no documented"
                + " exception");
          }
        }
      }
      if (actions(statement).contains("iam:PassRole")) {
        if (!roles.containsAll(resources(statement)) || resources(statement).isEmpty()) {
          found.add(sid + ": passes roles other than the function roles: " + resources(statement));
        }
        if (!"lambda.amazonaws.com".equals(
            statement.path("Condition").path("StringEquals").path("iam:PassedToService").asText())) {
          found.add(sid + ": passes roles to services other than Lambda");
        }
      }
    }
    if (!boundaryFrozen) {
      found.add("no Deny keeps " + BOUNDARY_ARN + " from being changed or deleted (" + BOUNDARY_CHANGES + ")");
    }
    if (!boundaryStays) {
      found.add("no Deny of iam:DeleteRolePermissionsBoundary on every role");
    }
    return found;
  }

  /** Every IAM role the template creates carries the boundary, and no resource makes a role or policy around it. */
  static List<String> templateViolations(JsonNode template) {
    List<String> found = new ArrayList<>();
    Map<String, JsonNode> resources = new TreeMap<>();
    template.path("Resources").fields().forEachRemaining(e -> resources.put(e.getKey(), e.getValue()));
    resources.forEach((id, resource) -> {
      String type = resource.path("Type").asText();
      if (type.equals("AWS::IAM::Role")) {
        String boundary = resource.path("Properties").path("PermissionsBoundary").path("Fn::Sub").asText();
        if (!TEMPLATE_BOUNDARY.equals(boundary)) {
          found.add(id + ": a role without the permissions boundary " + TEMPLATE_BOUNDARY);
        }
      } else if (type.startsWith("AWS::IAM::")) {
        found.add(id + ": " + type + " is not allowed; the stack's only IAM resources are bounded roles");
      } else if (type.startsWith("AWS::Serverless::") && !type.equals("AWS::Serverless::Function")) {
        found.add(id + ": " + type + " may make SAM create a role without the boundary");
      } else if (type.equals("AWS::Serverless::Function")
          && !resource.path("Properties").path("Role").path("Fn::GetAtt").isArray()) {
        found.add(id + ": a function without Role: !GetAtt <role>.Arn gets a role SAM creates without the boundary");
      } else if (type.equals("AWS::Serverless::Function")
          && resource.path("Properties").has("DeploymentPreference")) {
        found.add(id + ": DeploymentPreference makes SAM create a CodeDeploy role without the boundary");
      }
    });
    return found;
  }

  /** Changes a resource, IAM, not a read: everything but Get*, List*, Simulate*, Generate* and Tag reads. */
  static boolean isIamWrite(String action) {
    if (!action.startsWith("iam:")) {
      return false;
    }
    String name = action.substring(4);
    return !(name.startsWith("Get") || name.startsWith("List") || name.startsWith("Simulate")
        || name.startsWith("Generate"));
  }

  private static boolean requiresBoundary(JsonNode statement) {
    return BOUNDARY_ARN.equals(
        statement.path("Condition").path("StringEquals").path("iam:PermissionsBoundary").asText());
  }
}
