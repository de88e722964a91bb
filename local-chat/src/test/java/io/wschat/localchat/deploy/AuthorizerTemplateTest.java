package io.wschat.localchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wschat.bootstrap.ChatConfig;
import io.wschat.bootstrap.TokenAuthorizer;
import io.wschat.bootstrap.auth.AuthorizerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Holds the $connect authorizer in template.yaml to the code: a deployment is secure by default (AuthMode=jwt), the
 * $connect route then runs {@link TokenAuthorizer} on every connect (the token may be in the subprotocol or the query
 * string), the function gets exactly the settings {@link AuthorizerConfig} reads on AWS, and only this API may invoke
 * it.
 */
class AuthorizerTemplateTest {
  private static final String CONDITION = "UseJwt";

  private final Template template = Template.INSTANCE;

  @Test
  void aDeploymentVerifiesTokensUnlessToldOtherwise() {
    JsonNode authMode = template.root.path("Parameters").path("AuthMode");
    assertThat(authMode.path("Default").asText()).isEqualTo("jwt");
    assertThat(strings(authMode.path("AllowedValues"))).containsExactlyInAnyOrder("none", "jwt");
    assertThat(template.root.path("Conditions").path(CONDITION).toString())
        .isEqualTo("{\"Fn::Equals\":[{\"Ref\":\"AuthMode\"},\"jwt\"]}");
  }

  @Test
  void theConnectRouteRunsTheRequestAuthorizerOnEveryConnectWhenAuthModeIsJwt() {
    JsonNode route = connectRoute().path("Properties");
    assertThat(route.path("AuthorizationType").toString())
        .isEqualTo("{\"Fn::If\":[\"" + CONDITION + "\",\"CUSTOM\",\"NONE\"]}");
    JsonNode authorizerId = route.path("AuthorizerId").path("Fn::If");
    assertThat(authorizerId.path(0).asText()).isEqualTo(CONDITION);
    assertThat(authorizerId.path(2).toString()).isEqualTo("{\"Ref\":\"AWS::NoValue\"}");
    assertThat(authorizerId.path(1).path("Ref").asText()).isEqualTo(authorizerId());

    JsonNode authorizer = template.resource(authorizerId());
    assertThat(authorizer.path("Condition").asText()).isEqualTo(CONDITION);
    JsonNode properties = authorizer.path("Properties");
    assertThat(properties.path("ApiId").path("Ref").asText()).isEqualTo(apiId());
    assertThat(properties.path("AuthorizerType").asText()).isEqualTo("REQUEST");
    // API Gateway requires every identity source present; the token comes in one of two places, so none is listed
    // and the function answers 401 itself.
    assertThat(properties.has("IdentitySource")).as("IdentitySource").isFalse();
    assertThat(Template.aliasedFunctionOfAuthorizer(authorizerId(), authorizer)).isEqualTo(authorizerFunctionId());
  }

  @Test
  void noOtherRouteHasAnAuthorizer() {
    template.resources("AWS::ApiGatewayV2::Route").forEach((id, route) -> {
      if (!"$connect".equals(route.path("Properties").path("RouteKey").asText())) {
        assertThat(route.path("Properties").has("AuthorizerId")).as("AuthorizerId of %s", id).isFalse();
        assertThat(route.path("Properties").path("AuthorizationType").asText("NONE")).as("%s", id).isEqualTo("NONE");
      }
    });
  }

  @Test
  void theAuthorizerFunctionRunsTokenAuthorizerOnJava25WithSnapStartBehindItsAlias() {
    JsonNode resource = template.resource(authorizerFunctionId());
    assertThat(resource.path("Condition").asText()).isEqualTo(CONDITION);
    Template.assertSnapStartJavaFunction(resource.path("Properties"), TokenAuthorizer.class);
  }

  @Test
  void theAuthorizerGetsExactlyTheVariablesAuthorizerConfigReadsOnAws() {
    JsonNode variables = template.resource(authorizerFunctionId()).path("Properties").path("Environment")
        .path("Variables");
    Set<String> names = new TreeSet<>();
    variables.fieldNames().forEachRemaining(names::add);
    names.remove("JAVA_TOOL_OPTIONS");
    Set<String> expected = new TreeSet<>(AuthorizerConfig.VARIABLES);
    expected.removeAll(AuthorizerConfig.LOCAL_ONLY_VARIABLES);
    expected.add(ChatConfig.LOG_LEVEL);
    assertThat(names).isEqualTo(expected);
    assertThat(names).doesNotContain(AuthorizerConfig.JWT_SECRET);
    for (String name : names) {
      String parameter = variables.path(name).path("Ref").asText();
      assertThat(template.root.path("Parameters").has(parameter)).as("%s is !Ref to a parameter", name).isTrue();
    }
  }

  /** Without its keys, issuer or audience the authorizer fails at init and every $connect with it. */
  @Test
  void aJwtDeploymentIsRefusedWithoutItsKeysIssuerAndAudience() {
    JsonNode variables = template.resource(authorizerFunctionId()).path("Properties").path("Environment")
        .path("Variables");
    List<String> required = List.of(AuthorizerConfig.JWT_JWKS_URL, AuthorizerConfig.JWT_ISSUER,
        AuthorizerConfig.JWT_AUDIENCE);
    Set<String> asserted = new TreeSet<>();
    String jwt = template.root.path("Conditions").path(CONDITION).toString();
    template.root.path("Rules").forEach(rule -> {
      if (jwt.equals(rule.path("RuleCondition").toString())) {
        rule.path("Assertions").forEach(a -> {
          JsonNode equals = a.path("Assert").path("Fn::Not").path(0).path("Fn::Equals");
          if ("".equals(equals.path(1).asText(null))) {
            asserted.add(equals.path(0).path("Ref").asText());
          }
        });
      }
    });
    assertThat(asserted).as("parameters a Rule requires non-empty when AuthMode=jwt").containsAll(
        required.stream().map(v -> variables.path(v).path("Ref").asText()).toList());
  }

  @Test
  void theJwksUrlParameterRefusesPlainHttpAndTheDurationsDefaultToTheCodesDefaults() {
    JsonNode parameters = template.root.path("Parameters");
    String jwks = parameters.path("JwksUrl").path("AllowedPattern").asText();
    assertThat("https://cognito-idp.eu-west-1.amazonaws.com/pool/.well-known/jwks.json").matches(jwks);
    assertThat("").matches(jwks);
    assertThat("http://cognito-idp.eu-west-1.amazonaws.com/pool/.well-known/jwks.json").doesNotMatch(jwks);

    JsonNode variables = template.resource(authorizerFunctionId()).path("Properties").path("Environment")
        .path("Variables");
    JsonNode maxLifetime = parameters.path(variables.path(AuthorizerConfig.JWT_MAX_LIFETIME).path("Ref").asText());
    JsonNode staleFor = parameters.path(variables.path(AuthorizerConfig.JWT_KEYS_STALE_FOR).path("Ref").asText());
    AuthorizerConfig defaults = AuthorizerConfig.from(Map.of(AuthorizerConfig.JWT_SECRET, "x".repeat(32),
        AuthorizerConfig.JWT_ISSUER, "i", AuthorizerConfig.JWT_AUDIENCE, "a",
        AuthorizerConfig.JWT_MAX_LIFETIME, maxLifetime.path("Default").asText(),
        AuthorizerConfig.JWT_KEYS_STALE_FOR, staleFor.path("Default").asText()));
    assertThat(defaults.maxLifetime()).isEqualTo(AuthorizerConfig.DEFAULT_MAX_LIFETIME);
    assertThat(defaults.keysStaleFor()).isEqualTo(AuthorizerConfig.DEFAULT_KEYS_STALE_FOR);
    for (JsonNode duration : List.of(maxLifetime, staleFor)) {
      String pattern = duration.path("AllowedPattern").asText();
      assertThat(List.of("PT24H", "PT1H", "P1D", "PT0S", "PT90M")).allSatisfy(v -> assertThat(v).matches(pattern));
      assertThat(List.of("24h", "1 day", "")).allSatisfy(v -> assertThat(v).doesNotMatch(pattern));
    }
  }

  @Test
  void onlyThisApiMayInvokeTheAuthorizerAndOnlyAsItsAuthorizer() {
    String functionId = authorizerFunctionId();
    List<JsonNode> permissions = template.resources("AWS::Lambda::Permission").values().stream()
        .filter(p -> (functionId + ".Alias").equals(p.path("Properties").path("FunctionName").path("Ref").asText()))
        .toList();
    assertThat(permissions).as("a Lambda permission on %s.Alias", functionId).hasSize(1);
    assertThat(permissions.get(0).path("Condition").asText()).isEqualTo(CONDITION);
    JsonNode permission = permissions.get(0).path("Properties");
    assertThat(permission.path("Action").asText()).isEqualTo("lambda:InvokeFunction");
    assertThat(permission.path("Principal").asText()).isEqualTo("apigateway.amazonaws.com");
    assertThat(permission.path("SourceArn").path("Fn::Sub").asText()).isEqualTo(
        "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${" + apiId() + "}/authorizers/${"
            + authorizerId() + "}");
  }

  static String authorizerFunctionId() {
    return Template.functionRunning(TokenAuthorizer.class);
  }

  private String authorizerId() {
    Map<String, JsonNode> authorizers = template.resources("AWS::ApiGatewayV2::Authorizer");
    assertThat(authorizers).as("one authorizer in template.yaml").hasSize(1);
    return authorizers.keySet().iterator().next();
  }

  private JsonNode connectRoute() {
    List<JsonNode> connect = template.resources("AWS::ApiGatewayV2::Route").values().stream()
        .filter(r -> "$connect".equals(r.path("Properties").path("RouteKey").asText()))
        .toList();
    assertThat(connect).hasSize(1);
    return connect.get(0);
  }

  private String apiId() {
    return template.resources("AWS::ApiGatewayV2::Api").keySet().iterator().next();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
