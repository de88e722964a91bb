package io.wschat.localchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.wschat.metrics.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What an operator of a deployed stack gets from template.yaml: the alarms docs/deploy.md explains, each notifying
 * the optional SNS topic; a dashboard with the wschat metrics beside API Gateway's; X-Ray tracing as an option,
 * off by default. And the check that holds the alarms' and the dashboard's metrics to the code
 * ({@link TemplateTest#theAlarmsAndTheDashboardNameOnlyMetricsTheCodeEmits}), failing on a rename either side.
 */
class OperationsTemplateTest {
  private final Template template = Template.INSTANCE;

  @Test
  void theAlarmsWatchWhatDocsDeployMdExplains() {
    Set<String> watched = TemplateMetrics.alarms(template.root).stream()
        .map(n -> n.namespace() + "/" + n.name()).collect(Collectors.toCollection(TreeSet::new));
    assertThat(watched).contains(
        "wschat/InternalErrors", "AWS/Lambda/Invocations", // the handler's error rate
        "wschat/ManagementApiThrottled",
        "AWS/Lambda/Throttles", "AWS/Lambda/Duration",
        "AWS/DynamoDB/ReadThrottleEvents", "AWS/DynamoDB/WriteThrottleEvents",
        "AWS/Lambda/Errors", "wschat/AuthorizerDenied"); // the authorizer's errors, its refusals aside
    assertThat(template.resource("LambdaDurationP99Alarm").path("Properties").path("ExtendedStatistic").asText())
        .isEqualTo("p99");
  }

  @Test
  void everyAlarmIsTheStacksAndNotifiesTheOptionalTopic() throws Exception {
    Map<String, JsonNode> alarms = template.resources("AWS::CloudWatch::Alarm");
    assertThat(alarms).hasSizeGreaterThanOrEqualTo(6);
    String notify = "{\"Fn::If\":[\"HasAlarmTopic\",[{\"Ref\":\"AlarmTopicArn\"}],{\"Ref\":\"AWS::NoValue\"}]}";
    alarms.forEach((id, alarm) -> {
      JsonNode p = alarm.path("Properties");
      assertThat(p.path("AlarmName").path("Fn::Sub").asText()).as("AlarmName of %s", id)
          .startsWith("${AWS::StackName}-");
      assertThat(p.path("AlarmActions").toString()).as("AlarmActions of %s", id).isEqualTo(notify);
      assertThat(p.path("OKActions").toString()).as("OKActions of %s", id).isEqualTo(notify);
      assertThat(p.path("TreatMissingData").asText()).as("no traffic is no alarm: %s", id).isEqualTo("notBreaching");
      assertThat(p.path("AlarmDescription").asText()).as("%s says where to read what to do", id)
          .contains("Operating wschat");
    });
    JsonNode topic = template.root.path("Parameters").path("AlarmTopicArn");
    assertThat(topic.path("Default").asText()).isEmpty();
    String deployMd = java.nio.file.Files.readString(Repository.file("docs/deploy.md"));
    assertThat(deployMd).contains("## Operating wschat");
    alarms.values().forEach(alarm -> assertThat(deployMd).as("docs/deploy.md explains the alarm")
        .contains(alarm.path("Properties").path("AlarmName").path("Fn::Sub").asText()
            .replace("${AWS::StackName}", "<stack>")));
  }

  @Test
  void theDashboardShowsApiGatewaysCountsOfThisApiAndStage() {
    Map<String, JsonNode> dashboards = template.resources("AWS::CloudWatch::Dashboard");
    assertThat(dashboards).hasSize(1);
    assertThat(dashboards.values().iterator().next().path("Properties").path("DashboardName").path("Fn::Sub")
        .asText()).startsWith("${AWS::StackName}-");
    Map<String, Map<String, String>> apiGateway = new LinkedHashMap<>();
    TemplateMetrics.dashboard(template.root).stream().filter(n -> n.namespace().equals("AWS/ApiGateway"))
        .forEach(n -> apiGateway.put(n.name(), n.dimensions()));
    assertThat(apiGateway).containsOnlyKeys("ConnectCount", "MessageCount", "IntegrationError", "ExecutionError")
        .allSatisfy((name, dimensions) -> assertThat(dimensions).containsExactlyInAnyOrderEntriesOf(
            Map.of("ApiId", "ChatApi", "Stage", "StageName")));
  }

  @Test
  void xrayTracingIsAnOptionOffByDefaultWithItsPermissionsOnlyWhenOn() {
    JsonNode parameter = template.root.path("Parameters").path("XRayTracing");
    assertThat(parameter.path("Default").asText()).isEqualTo("off");
    assertThat(template.root.path("Conditions").path("UseTracing").toString())
        .isEqualTo("{\"Fn::Equals\":[{\"Ref\":\"XRayTracing\"},\"on\"]}");
    template.resources("AWS::Serverless::Function").forEach((id, function) -> {
      assertThat(function.path("Properties").path("Tracing").toString()).as("Tracing of %s", id)
          .isEqualTo("{\"Fn::If\":[\"UseTracing\",\"Active\",\"PassThrough\"]}");
      JsonNode role = template.resource(Template.roleOf(id, function));
      List<JsonNode> xray = IamPoliciesTest.statements(role).stream()
          .filter(s -> IamPoliciesTest.actions(s).stream().anyMatch(a -> a.startsWith("xray:"))).toList();
      assertThat(xray).as("X-Ray statements of %s's role", id).hasSize(1);
      assertThat(IamPoliciesTest.actions(xray.get(0)))
          .containsExactlyInAnyOrder("xray:PutTraceSegments", "xray:PutTelemetryRecords");
      assertThat(role.path("Properties").path("Policies").toString())
          .contains("{\"Fn::If\":[\"UseTracing\",{\"PolicyName\":\"xray\"");
    });
  }

  // ---------------------------------------------------------------- the metric check, failing

  @Test
  void aMetricRenamedInTheTemplateIsReported() {
    ObjectNode root = template.root.deepCopy();
    ObjectNode dashboard = (ObjectNode) root.path("Resources").path("Dashboard").path("Properties");
    String body = dashboard.path("DashboardBody").path("Fn::Sub").asText();
    ((ObjectNode) dashboard.path("DashboardBody")).set("Fn::Sub",
        new TextNode(body.replace("\"MessagesSent\"", "\"MessageSent\"")));
    assertThat(TemplateMetrics.dashboard(root).stream().map(n -> TemplateMetrics.problem(n, TemplateMetrics.emitted()))
        .flatMap(java.util.Optional::stream)).singleElement().asString()
        .contains("names MessageSent, which the code does not emit");
  }

  @Test
  void aMetricRenamedInTheCodeIsReported() {
    Map<String, Metric> renamed = new LinkedHashMap<>(TemplateMetrics.emitted());
    renamed.put("ManagementApiThrottles", renamed.remove("ManagementApiThrottled"));
    assertThat(TemplateMetrics.alarms(template.root).stream().map(n -> TemplateMetrics.problem(n, renamed))
        .flatMap(java.util.Optional::stream)).singleElement().asString()
        .contains("ManagementApiThrottlesAlarm names ManagementApiThrottled, which the code does not emit");
  }

  @Test
  void dimensionsTheCodeDoesNotPublishAreReported() {
    TemplateMetrics.Named byOperationOnly = new TemplateMetrics.Named("a widget", "wschat", "StoreLatency",
        Map.of("Stage", "StageName", "Operation", "log.append"));
    assertThat(TemplateMetrics.problem(byOperationOnly, TemplateMetrics.emitted())).get().asString()
        .contains("is published under [Stage] and [Stage, Store, Operation]");
    TemplateMetrics.Named otherStage = new TemplateMetrics.Named("a widget", "wschat", "Requests",
        Map.of("Stage", "prod"));
    assertThat(TemplateMetrics.problem(otherStage, TemplateMetrics.emitted())).get().asString()
        .contains("by Stage = the StageName parameter");
  }
}
