package io.wschat.localchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wschat.adapter.dynamodb.ConnectionsTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * The table in template.yaml is the table DynamoDbConnectionRegistry uses: the same keys, index, projection and TTL
 * attribute, read from the adapter's own {@link ConnectionsTable}, and the function may touch that table and index
 * only, with the four calls the registry makes.
 */
class ConnectionsTableTemplateTest {
  private final CreateTableRequest expected = ConnectionsTable.definition("from-the-template");

  @Test
  void theTableHasTheAdaptersKeySchemaAndAttributes() {
    JsonNode table = table();
    assertThat(table.path("BillingMode").asText()).isEqualTo(expected.billingModeAsString());
    assertThat(pairs(table.path("AttributeDefinitions"), "AttributeName", "AttributeType"))
        .isEqualTo(new TreeSet<>(expected.attributeDefinitions().stream()
            .map(a -> a.attributeName() + "=" + a.attributeTypeAsString()).toList()));
    assertThat(keys(table.path("KeySchema"))).isEqualTo(keys(expected.keySchema()));
  }

  @Test
  void theTableHasTheAdaptersIndexWithItsProjection() {
    JsonNode indexes = table().path("GlobalSecondaryIndexes");
    assertThat(indexes.size()).isEqualTo(expected.globalSecondaryIndexes().size());
    for (GlobalSecondaryIndex want : expected.globalSecondaryIndexes()) {
      JsonNode index = null;
      for (JsonNode candidate : indexes) {
        if (want.indexName().equals(candidate.path("IndexName").asText())) {
          index = candidate;
        }
      }
      assertThat(index).as("GSI %s", want.indexName()).isNotNull();
      assertThat(keys(index.path("KeySchema"))).isEqualTo(keys(want.keySchema()));
      assertThat(index.path("Projection").path("ProjectionType").asText())
          .isEqualTo(want.projection().projectionTypeAsString());
      Set<String> nonKey = new TreeSet<>();
      index.path("Projection").path("NonKeyAttributes").forEach(a -> nonKey.add(a.asText()));
      assertThat(nonKey).isEqualTo(new TreeSet<>(want.projection().nonKeyAttributes()));
    }
  }

  @Test
  void timeToLiveIsOnTheAdaptersExpiryAttribute() {
    JsonNode ttl = table().path("TimeToLiveSpecification");
    assertThat(ttl.path("AttributeName").asText()).isEqualTo(ConnectionsTable.EXPIRES_AT);
    assertThat(ttl.path("Enabled").asBoolean()).isTrue();
  }

  @Test
  void theFunctionMayCallTheRegistrysFourOperationsOnThisTableAndIndexOnly() {
    String tableId = tableId();
    List<JsonNode> statements = IamPoliciesTest.statements(Template.INSTANCE.root).stream()
        .filter(s -> IamPoliciesTest.actions(s).stream().anyMatch(a -> a.startsWith("dynamodb:")))
        .toList();
    assertThat(statements).hasSize(1);
    JsonNode statement = statements.get(0);
    assertThat(IamPoliciesTest.actions(statement)).containsExactlyInAnyOrder(
        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query");
    List<String> resources = new ArrayList<>();
    statement.path("Resource").forEach(r -> resources.add(r.toString()));
    assertThat(resources).containsExactlyInAnyOrder(
        "{\"Fn::GetAtt\":[\"" + tableId + "\",\"Arn\"]}",
        "{\"Fn::Sub\":\"${" + tableId + ".Arn}/index/" + ConnectionsTable.USER_INDEX + "\"}");
  }

  @Test
  void theFunctionIsToldTheTablesName() {
    JsonNode variable = Template.INSTANCE.resource(TemplateTest.chatFunctionId())
        .path("Properties").path("Environment").path("Variables").path(ConnectionsTable.TABLE_VARIABLE);
    assertThat(variable.toString()).contains("{\"Ref\":\"" + tableId() + "\"}");
  }

  private static String tableId() {
    Map<String, JsonNode> tables = Template.INSTANCE.resources("AWS::DynamoDB::Table");
    assertThat(tables).as("one DynamoDB table in template.yaml").hasSize(1);
    return tables.keySet().iterator().next();
  }

  private static JsonNode table() {
    return Template.INSTANCE.resource(tableId()).path("Properties");
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
