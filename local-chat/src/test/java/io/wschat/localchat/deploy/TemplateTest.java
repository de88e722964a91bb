package io.wschat.localchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.wschat.adapter.lambda.Acknowledgements;
import io.wschat.adapter.lambda.Routes;
import io.wschat.localgateway.template.WebSocketApiTemplate;
import io.wschat.bootstrap.ChatConfig;
import io.wschat.bootstrap.ChatLambdaHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Holds template.yaml to the code, so that a drift fails here and not in the cloud: the handler, the routes, the
 * environment variables and the SnapStart wiring. The tables are held to the DynamoDB adapter in
 * {@link DynamoDbTablesTemplateTest}; the $connect authorizer in {@link AuthorizerTemplateTest}; the IAM
 * statements in {@link IamPoliciesTest}; the alarms and the dashboard in {@link OperationsTemplateTest}, whose
 * metrics this test holds to the code's.
 */
class TemplateTest {
  /** Set for the JVM, not for the chat: it is no ChatConfig variable. */
  private static final Set<String> RUNTIME_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

  private final Template template = Template.INSTANCE;

  @Test
  void theApiIsAWebSocketApiThatRoutesOnTheActionField() {
    Map<String, JsonNode> apis = template.resources("AWS::ApiGatewayV2::Api");
    assertThat(apis).hasSize(1);
    JsonNode api = apis.values().iterator().next().path("Properties");
    assertThat(api.path("ProtocolType").asText()).isEqualTo("WEBSOCKET");
    // docs/protocol.md: API Gateway selects the route from the action field of each message.
    assertThat(api.path("RouteSelectionExpression").asText()).isEqualTo("$request.body.action");
  }

  @Test
  void theTemplateDeclaresExactlyTheRoutesTheHandlerServes() {
    List<String> keys = new ArrayList<>();
    template.resources("AWS::ApiGatewayV2::Route")
        .forEach((id, route) -> keys.add(route.path("Properties").path("RouteKey").asText()));
    assertThat(keys).as("route keys in template.yaml").doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(Routes.ALL);
  }

  @Test
  void theAnsweredRoutesAreTwoWayExactlyAsTheFunctionAcknowledges() {
    JsonNode acknowledgeVia = chatFunction().path("Environment").path("Variables").path(ChatConfig.ACKNOWLEDGE_VIA);
    assertThat(Acknowledgements.of(acknowledgeVia.asText())).as("ACKNOWLEDGE_VIA is a literal the chat accepts")
        .contains(Acknowledgements.ROUTE_RESPONSE);
    // The reader the local runner uses: what it makes two-way locally is what this template deploys.
    WebSocketApiTemplate api = WebSocketApiTemplate.read(Repository.file("template.yaml"));
    assertThat(api.routeResponses()).as("two-way routes").containsExactlyInAnyOrderElementsOf(Routes.ANSWERED);
    Set<String> answered = new TreeSet<>();
    template.resources("AWS::ApiGatewayV2::RouteResponse").forEach((id, response) -> {
      assertThat(response.path("Properties").path("RouteResponseKey").asText()).as(id).isEqualTo("$default");
      String route = response.path("Properties").path("RouteId").path("Ref").asText();
      answered.add(template.resource(route).path("Properties").path("RouteKey").asText());
    });
    assertThat(answered).containsExactlyInAnyOrderElementsOf(Routes.ANSWERED);
    JsonNode stage = template.resources("AWS::ApiGatewayV2::Stage").values().iterator().next();
    Set<String> dependsOn = new TreeSet<>();
    stage.path("DependsOn").forEach(id -> dependsOn.add(id.asText()));
    assertThat(dependsOn).as("the first deployment holds every route and route response")
        .containsAll(template.resources("AWS::ApiGatewayV2::RouteResponse").keySet())
        .containsAll(template.resources("AWS::ApiGatewayV2::Route").keySet());
  }

  @Test
  void everyRouteIsAProxyIntegrationWithTheAliasOfOneFunction() {
    String apiId = template.resources("AWS::ApiGatewayV2::Api").keySet().iterator().next();
    Set<String> functions = new HashSet<>();
    template.resources("AWS::ApiGatewayV2::Route").forEach((routeId, route) -> {
      assertThat(route.path("Properties").path("ApiId").path("Ref").asText()).as("ApiId of %s", routeId)
          .isEqualTo(apiId);
      String integrationId = Template.integrationOf(routeId, route);
      JsonNode integration = template.resource(integrationId);
      assertThat(integration.path("Type").asText()).isEqualTo("AWS::ApiGatewayV2::Integration");
      assertThat(integration.path("Properties").path("IntegrationType").asText()).as("%s", integrationId)
          .isEqualTo("AWS_PROXY");
      functions.add(Template.aliasedFunctionOf(integrationId, integration));
    });
    assertThat(functions).as("functions behind the routes").hasSize(1);
    String functionId = functions.iterator().next();
    assertThat(functionId).isEqualTo(TemplateTest.chatFunctionId());
  }

  @Test
  void theChatFunctionRunsChatLambdaHandlerOnJava25WithSnapStartBehindItsAlias() {
    Template.assertSnapStartJavaFunction(chatFunction(), ChatLambdaHandler.class);
  }

  @Test
  void everyFunctionHandlerNamesARealLambdaHandler() throws ReflectiveOperationException {
    Map<String, JsonNode> functions = template.resources("AWS::Serverless::Function");
    assertThat(functions).isNotEmpty();
    for (Map.Entry<String, JsonNode> e : functions.entrySet()) {
      String handler = e.getValue().path("Properties").path("Handler").asText();
      String[] parts = handler.split("::");
      assertThat(parts).as("Handler of %s: class::method", e.getKey()).hasSize(2);
      Class<?> type = Class.forName(parts[0]);
      boolean stream = RequestStreamHandler.class.isAssignableFrom(type);
      assertThat(stream || RequestHandler.class.isAssignableFrom(type))
          .as("%s is a RequestHandler or a RequestStreamHandler", type).isTrue();
      assertThat(Modifier.isPublic(type.getModifiers())).isTrue();
      assertThat(type.getConstructor()).as("the runtime's no-argument constructor").isNotNull();
      // One method of that name, so the runtime cannot pick another overload than the interface's.
      List<Method> methods = Arrays.stream(type.getMethods())
          .filter(m -> m.getName().equals(parts[1]) && !m.isBridge())
          .toList();
      assertThat(methods).as("methods named %s.%s", parts[0], parts[1]).hasSize(1);
      Class<?>[] parameters = methods.get(0).getParameterTypes();
      if (stream) {
        assertThat(parameters).as("%s.%s(InputStream, OutputStream, Context)", parts[0], parts[1])
            .containsExactly(InputStream.class, OutputStream.class, Context.class);
      } else {
        assertThat(parameters).as("%s.%s(event, Context)", parts[0], parts[1]).hasSize(2).endsWith(Context.class);
      }
    }
  }

  @Test
  void theCodeIsTheShadedJarTheBootstrapModuleBuilds() throws IOException {
    String codeUri = chatFunction().path("CodeUri").asText();
    assertThat(codeUri).isEqualTo("bootstrap/target/wschat-lambda.jar");
    template.resources("AWS::Serverless::Function").forEach((id, function) -> {
      assertThat(function.path("Properties").path("CodeUri").asText()).as("CodeUri of %s", id).isEqualTo(codeUri);
      // sam build would treat a .jar CodeUri as a source directory and fail.
      assertThat(function.path("Metadata").path("SkipBuild").asBoolean()).as("SkipBuild of %s", id).isTrue();
    });
    assertThat(Files.readString(Repository.file("bootstrap/pom.xml")))
        .contains("<outputFile>${project.build.directory}/wschat-lambda.jar</outputFile>");
  }

  @Test
  void theFunctionGetsExactlyTheVariablesChatConfigReadsOnAws() {
    Set<String> names = new TreeSet<>();
    chatFunction().path("Environment").path("Variables").fieldNames().forEachRemaining(names::add);
    names.removeAll(RUNTIME_VARIABLES);
    Set<String> expected = new TreeSet<>(ChatConfig.VARIABLES);
    expected.removeAll(ChatConfig.LOCAL_ONLY_VARIABLES);
    assertThat(names).isEqualTo(expected);
    assertThat(chatFunction().path("Environment").path("Variables").path(ChatConfig.AUTH_MODE).toString())
        .as("the chat binds connections to the authorizer's user exactly when the API has the authorizer")
        .isEqualTo("{\"Ref\":\"AuthMode\"}");
    assertThat(template.root.path("Globals").path("Function").path("Environment").isMissingNode())
        .as("variables live on the function, in one place").isTrue();
  }

  @Test
  void onlyThisApiMayInvokeTheAlias() {
    String functionId = chatFunctionId();
    String apiId = template.resources("AWS::ApiGatewayV2::Api").keySet().iterator().next();
    List<JsonNode> permissions = template.resources("AWS::Lambda::Permission").values().stream()
        .map(p -> p.path("Properties"))
        .filter(p -> (functionId + ".Alias").equals(p.path("FunctionName").path("Ref").asText()))
        .toList();
    assertThat(permissions).as("a Lambda permission on %s.Alias", functionId).hasSize(1);
    JsonNode permission = permissions.get(0);
    assertThat(permission.path("Principal").asText()).isEqualTo("apigateway.amazonaws.com");
    assertThat(permission.path("SourceArn").path("Fn::Sub").asText())
        .startsWith("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${" + apiId + "}/");
  }

  @Test
  void theFunctionMayPostToTheConnectionsOfThisApiOnly() {
    String apiId = template.resources("AWS::ApiGatewayV2::Api").keySet().iterator().next();
    List<String> resources = IamPoliciesTest.statements(template.root).stream()
        .filter(s -> IamPoliciesTest.actions(s).contains("execute-api:ManageConnections"))
        .map(s -> s.path("Resource").path("Fn::Sub").asText())
        .toList();
    assertThat(resources).containsExactly("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${"
        + apiId + "}/${StageName}/POST/@connections/*");
  }

  @Test
  void theOutputsGiveTheWebSocketAndCallbackUrls() {
    JsonNode outputs = template.root.path("Outputs");
    assertThat(outputs.path("WebSocketUrl").path("Value").path("Fn::Sub").asText()).startsWith("wss://");
    assertThat(outputs.path("CallbackUrl").path("Value").path("Fn::Sub").asText()).startsWith("https://");
  }

  /**
   * API Gateway refuses what exceeds the stage's default route throttling before it invokes anything: standard
   * property names (the local gateway reads them too), from parameters with defaults that admit a chat's traffic.
   */
  @Test
  void theStageThrottlesEveryRouteFromParametersWithSaneDefaults() {
    JsonNode stage = template.resources("AWS::ApiGatewayV2::Stage").values().iterator().next();
    JsonNode settings = stage.path("Properties").path("DefaultRouteSettings");
    JsonNode parameters = template.root.path("Parameters");
    String rate = settings.path("ThrottlingRateLimit").path("Ref").asText();
    String burst = settings.path("ThrottlingBurstLimit").path("Ref").asText();
    assertThat(parameters.path(rate).path("Type").asText()).as("parameter %s", rate).isEqualTo("Number");
    assertThat(parameters.path(burst).path("Type").asText()).as("parameter %s", burst).isEqualTo("Number");
    int rateDefault = parameters.path(rate).path("Default").asInt();
    int burstDefault = parameters.path(burst).path("Default").asInt();
    // Below API Gateway's account-wide 10,000 requests per second, so one stage cannot take all of it.
    assertThat(rateDefault).isBetween(1, 5_000);
    assertThat(burstDefault).isGreaterThanOrEqualTo(rateDefault).isLessThanOrEqualTo(5_000);
    assertThat(parameters.path(rate).path("MinValue").asInt()).isEqualTo(1);
    assertThat(parameters.path(burst).path("MinValue").asInt()).isEqualTo(1);
  }

  /** 0, the default, leaves reserved concurrency unset (the shared pool); any other number reserves that many. */
  @Test
  void reservedConcurrencyIsOptional() {
    JsonNode reserved = chatFunction().path("ReservedConcurrentExecutions").path("Fn::If");
    assertThat(reserved.toString()).isEqualTo(
        "[\"HasReservedConcurrency\",{\"Ref\":\"ChatReservedConcurrency\"},{\"Ref\":\"AWS::NoValue\"}]");
    assertThat(template.root.path("Conditions").path("HasReservedConcurrency").toString())
        .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"ChatReservedConcurrency\"},0]}]}");
    JsonNode parameter = template.root.path("Parameters").path("ChatReservedConcurrency");
    assertThat(parameter.path("Type").asText()).isEqualTo("Number");
    assertThat(parameter.path("Default").asInt()).isZero();
    assertThat(parameter.path("MinValue").asInt()).isZero();
  }

  /**
   * Every wschat metric an alarm or the dashboard names is one the code emits ({@link io.wschat.metrics.Metric}),
   * under dimensions it is published with; and the dashboard shows every one of them. A rename on either side
   * fails here ({@link OperationsTemplateTest} shows both).
   */
  @Test
  void theAlarmsAndTheDashboardNameOnlyMetricsTheCodeEmits() {
    List<TemplateMetrics.Named> named = new ArrayList<>(TemplateMetrics.alarms(template.root));
    named.addAll(TemplateMetrics.dashboard(template.root));
    assertThat(named).as("metrics named by alarms and the dashboard").isNotEmpty();
    assertThat(named).allSatisfy(n -> assertThat(TemplateMetrics.problem(n, TemplateMetrics.emitted())).isEmpty());
    Set<String> shown = new TreeSet<>();
    TemplateMetrics.dashboard(template.root).stream().filter(n -> n.namespace().equals("wschat"))
        .forEach(n -> shown.add(n.name()));
    assertThat(shown).as("the dashboard shows every metric the code emits")
        .containsExactlyInAnyOrderElementsOf(TemplateMetrics.emitted().keySet());
  }

  static String chatFunctionId() {
    return Template.functionRunning(ChatLambdaHandler.class);
  }

  private JsonNode chatFunction() {
    return template.resource(chatFunctionId()).path("Properties");
  }
}
