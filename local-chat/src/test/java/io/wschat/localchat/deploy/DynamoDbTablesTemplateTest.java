package io.wschat.localchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wschat.adapter.dynamodb.ConnectionsTable;
import io.wschat.adapter.dynamodb.DynamoDbConnectionRegistry;
import io.wschat.adapter.dynamodb.DynamoDbMessageLog;
import io.wschat.adapter.dynamodb.DynamoDbRateLimiter;
import io.wschat.adapter.dynamodb.MessagesTable;
import io.wschat.bootstrap.ChatConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;

/**
 * Each DynamoDB table in template.yaml is the table its adapter uses: the same keys, indexes, projections and TTL
 * attribute, read from the adapter's own table class, and the function may touch that table and its indexes only,
 * with exactly the IAM actions the adapter declares (its own tests hold those to the requests it really makes).
 * A table is found through the variable that tells the function its name.
 */
class DynamoDbTablesTemplateTest {
  /** An adapter's table: the variable naming it, its definition, its TTL attribute and the IAM actions it needs. */
  record Adapter(String variable, CreateTableRequest definition, String ttlAttribute, Set<String> actions) {
    @Override
    public String toString() {
      return variable;
    }
  }

  static Stream<Adapter> adapters() {
    return Stream.of(
        // The rate limiter keeps its buckets in the connections table, so its actions join the registry's there.
        new Adapter(ConnectionsTable.TABLE_VARIABLE, ConnectionsTable.definition("t"), ConnectionsTable.EXPIRES_AT,
            union(DynamoDbConnectionRegistry.IAM_ACTIONS, DynamoDbRateLimiter.IAM_ACTIONS)),
        new Adapter(MessagesTable.TABLE_VARIABLE, MessagesTable.definition("t"), MessagesTable.EXPIRES_AT,
            DynamoDbMessageLog.IAM_ACTIONS));
  }

  @ParameterizedTest
  @MethodSource("adapters")
  void theTableHasTheAdaptersKeySchemaAttributesAndBilling(Adapter adapter) {
    JsonNode table = table(adapter);
    CreateTableRequest expected = adapter.definition();
    assertThat(table.path("BillingMode").asText()).isEqualTo(expected.billingModeAsString());
    assertThat(pairs(table.path("AttributeDefinitions"), "AttributeName", "AttributeType"))
        .isEqualTo(new TreeSet<>(expected.attributeDefinitions().stream()
            .map(a -> a.attributeName() + "=" + a.attributeTypeAsString()).toList()));
    assertThat(keys(table.path("KeySchema"))).isEqualTo(keys(expected.keySchema()));
  }

  @ParameterizedTest
  @MethodSource("adapters")
  void theTableHasTheAdaptersIndexesWithTheirProjections(Adapter adapter) {
    CreateTableRequest expected = adapter.definition();
    assertIndexes(table(adapter).path("GlobalSecondaryIndexes"), expected.globalSecondaryIndexes().stream()
        .map(i -> new Index(i.indexName(), i.keySchema(), i.projection())).toList());
    assertIndexes(table(adapter).path("LocalSecondaryIndexes"), expected.localSecondaryIndexes().stream()
        .map(i -> new Index(i.indexName(), i.keySchema(), i.projection())).toList());
  }

  @ParameterizedTest
  @MethodSource("adapters")
  void timeToLiveIsOnTheAdaptersExpiryAttribute(Adapter adapter) {
    JsonNode ttl = table(adapter).path("TimeToLiveSpecification");
    assertThat(ttl.path("AttributeName").asText()).isEqualTo(adapter.ttlAttribute());
    assertThat(ttl.path("Enabled").asBoolean()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("adapters")
  void theFunctionMayMakeTheAdaptersCallsOnThisTableAndItsIndexesOnly(Adapter adapter) {
    String tableId = tableId(adapter);
    List<JsonNode> statements = dynamoDbStatements().stream()
        .filter(s -> IamPoliciesTest.resources(s).stream().anyMatch(r -> r.contains("\"" + tableId)))
        .toList();
    assertThat(statements).as("statements naming %s", tableId).hasSize(1);
    assertThat(IamPoliciesTest.actions(statements.get(0))).containsExactlyInAnyOrderElementsOf(adapter.actions());
    List<String> expected = new ArrayList<>(List.of("{\"Fn::GetAtt\":[\"" + tableId + "\",\"Arn\"]}"));
    Stream.concat(adapter.definition().globalSecondaryIndexes().stream().map(i -> i.indexName()),
            adapter.definition().localSecondaryIndexes().stream().map(i -> i.indexName()))
        .forEach(index -> expected.add("{\"Fn::Sub\":\"${" + tableId + ".Arn}/index/" + index + "\"}"));
    assertThat(IamPoliciesTest.resources(statements.get(0))).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void everyTableAndEveryDynamoDbGrantBelongsToAnAdapter() {
    assertThat(Template.INSTANCE.resources("AWS::DynamoDB::Table").keySet())
        .containsExactlyInAnyOrderElementsOf(adapters().map(DynamoDbTablesTemplateTest::tableId).toList());
    assertThat(dynamoDbStatements()).hasSize((int) adapters().count());
  }

  @Test
  void theMessagesCanBeRestoredToAnySecondOfTheLast35Days() {
    Adapter messages = adapters().filter(a -> a.variable().equals(MessagesTable.TABLE_VARIABLE)).findFirst().get();
    assertThat(table(messages).path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean())
        .isTrue();
  }

  @Test
  void theRetentionIsAParameterThatDefaultsToTheChatsDefault() {
    assertThat(chatVariables().path(ChatConfig.MESSAGE_RETENTION).toString()).isEqualTo("{\"Ref\":\"MessageRetention\"}");
    JsonNode parameter = Template.INSTANCE.root.path("Parameters").path("MessageRetention");
    assertThat(Duration.parse(parameter.path("Default").asText())).isEqualTo(ChatConfig.DEFAULT_RETENTION);
    String pattern = parameter.path("AllowedPattern").asText();
    assertThat(List.of("P30D", "P7D", "PT12H", "P1DT12H", "none")).allMatch(v -> v.matches(pattern));
    assertThat(List.of("30d", "P30", "30 days", "")).noneMatch(v -> v.matches(pattern));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> both = new TreeSet<>(a);
    both.addAll(b);
    return both;
  }

  private record Index(String name, List<KeySchemaElement> keySchema, Projection projection) {}

  private static void assertIndexes(JsonNode declared, List<Index> expected) {
    assertThat(declared.size()).isEqualTo(expected.size());
    for (Index want : expected) {
      JsonNode index = null;
      for (JsonNode candidate : declared) {
        if (want.name().equals(candidate.path("IndexName").asText())) {
          index = candidate;
        }
      }
      assertThat(index).as("index %s", want.name()).isNotNull();
      assertThat(keys(index.path("KeySchema"))).isEqualTo(keys(want.keySchema()));
      assertThat(index.path("Projection").path("ProjectionType").asText())
          .isEqualTo(want.projection().projectionTypeAsString());
      Set<String> nonKey = new TreeSet<>();
      index.path("Projection").path("NonKeyAttributes").forEach(a -> nonKey.add(a.asText()));
      assertThat(nonKey).isEqualTo(new TreeSet<>(want.projection().nonKeyAttributes()));
    }
  }

  private static List<JsonNode> dynamoDbStatements() {
    return IamPoliciesTest.statements(Template.INSTANCE.root).stream()
        .filter(s -> IamPoliciesTest.actions(s).stream().anyMatch(a -> a.startsWith("dynamodb:")))
        .toList();
  }

  /** The logical id of the table the adapter's variable names: {@code !If [Condition, !Ref Table, !Ref AWS::NoValue]}. */
  private static String tableId(Adapter adapter) {
    Map<String, JsonNode> tables = Template.INSTANCE.resources("AWS::DynamoDB::Table");
    List<String> named = new ArrayList<>();
    chatVariables().path(adapter.variable()).findValues("Ref").forEach(ref -> {
      if (tables.containsKey(ref.asText())) {
        named.add(ref.asText());
      }
    });
    assertThat(named).as("%s names one DynamoDB table of template.yaml", adapter.variable()).hasSize(1);
    return named.get(0);
  }

  private static JsonNode table(Adapter adapter) {
    return Template.INSTANCE.resource(tableId(adapter)).path("Properties");
  }

  private static JsonNode chatVariables() {
    return Template.INSTANCE.resource(TemplateTest.chatFunctionId())
        .path("Properties").path("Environment").path("Variables");
  }

  private static List<String> keys(JsonNode schema) {
    List<String> keys = new ArrayList<>();
    schema.forEach(k -> keys.add(k.path("AttributeName").asText() + "=" + k.path("KeyType").asText()));
    return keys;
  }

  private static List<String> keys(List<KeySchemaElement> schema) {
    return schema.stream().map(k -> k.attributeName() + "=" + k.keyTypeAsString()).toList();
  }

  private static Set<String> pairs(JsonNode list, String name, String value) {
    Set<String> pairs = new TreeSet<>();
    list.forEach(item -> pairs.add(item.path(name).asText() + "=" + item.path(value).asText()));
    return pairs;
  }
}
