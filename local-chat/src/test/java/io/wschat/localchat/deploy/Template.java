package io.wschat.localchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wschat.localgateway.template.CloudFormationYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** template.yaml, read once, with the look-ups the deployment tests share. */
final class Template {
  static final Template INSTANCE = load();

  private static final Pattern ALIAS_IN_URI = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.Alias}");
  private static final Pattern INTEGRATION_TARGET = Pattern.compile("integrations/\\$\\{([A-Za-z0-9]+)}");

  final JsonNode root;

  private Template(JsonNode root) {
    this.root = root;
  }

  private static Template load() {
    try {
      return new Template(CloudFormationYaml.read(Repository.file("template.yaml")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Logical id to resource, for every resource of that type, in template order. */
  Map<String, JsonNode> resources(String type) {
    Map<String, JsonNode> found = new LinkedHashMap<>();
    root.path("Resources").fields().forEachRemaining(e -> {
      if (type.equals(e.getValue().path("Type").asText())) {
        found.put(e.getKey(), e.getValue());
      }
    });
    return found;
  }

  /** The logical id of the one function whose Handler runs {@code handler}. */
  static String functionRunning(Class<?> handler) {
    List<String> found = INSTANCE.resources("AWS::Serverless::Function").entrySet().stream()
        .filter(e -> e.getValue().path("Properties").path("Handler").asText().startsWith(handler.getName() + "::"))
        .map(Map.Entry::getKey)
        .toList();
    assertThat(found).as("one function runs %s", handler.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  /**
   * A function as every wschat function is deployed: {@code handler}'s handleRequest on java25, SnapStart on the
   * versions its alias publishes, and the runtime's own JVM settings. Under SnapStart, java25 keeps the JVM's default
   * tiered compilation, which the priming before the snapshot puts to use, so nothing may force C1 only; and no AOT or
   * CDS cache of ours: Lambda "strongly recommend[s] not using AOT caches when using managed runtimes" (they are built
   * for one JVM build, which a runtime update replaces), and a CDS archive of the function's makes Lambda disable the
   * runtime's own AOT cache (docs.aws.amazon.com/lambda/latest/dg/java-customization.html#aot-cds-caches).
   */
  static void assertSnapStartJavaFunction(JsonNode properties, Class<?> handler) {
    assertThat(properties.path("Handler").asText()).isEqualTo(handler.getName() + "::handleRequest");
    assertThat(properties.path("Runtime").asText()).isEqualTo("java25");
    assertThat(properties.path("PackageType").asText("Zip")).as("SnapStart needs a .zip/.jar package").isEqualTo("Zip");
    assertThat(properties.path("AutoPublishAlias").asText()).as("AutoPublishAlias").isNotBlank();
    assertThat(properties.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
    String jvmOptions = properties.path("Environment").path("Variables").path("JAVA_TOOL_OPTIONS").asText("");
    for (String flag : JVM_FLAGS_LEFT_TO_THE_RUNTIME) {
      assertThat(jvmOptions).as("JAVA_TOOL_OPTIONS of %s", handler.getSimpleName()).doesNotContain(flag);
    }
  }

  /** Tiered compilation and class/AOT caches: set by the java25 runtime, see above. */
  static final List<String> JVM_FLAGS_LEFT_TO_THE_RUNTIME = List.of("TieredStopAtLevel", "TieredCompilation",
      "AOTCache", "AOTMode", "AOTConfiguration", "SharedArchiveFile", "ArchiveClassesAtExit", "Xshare");

  JsonNode resource(String logicalId) {
    JsonNode resource = root.path("Resources").path(logicalId);
    assertThat(resource.isObject()).as("resource %s in template.yaml", logicalId).isTrue();
    return resource;
  }

  /** The logical id of the integration a route targets, from {@code Target: !Sub integrations/${Integration}}. */
  static String integrationOf(String routeId, JsonNode route) {
    return match(INTEGRATION_TARGET, route.path("Properties").path("Target").path("Fn::Sub").asText(),
        "route " + routeId + " Target, as !Sub \"integrations/${Integration}\"");
  }

  /**
   * The logical id of the function whose alias an integration invokes, from an IntegrationUri of the form
   * {@code !Sub ".../functions/${Function.Alias}/invocations"}. The alias, not the function: SnapStart only
   * serves published versions.
   */
  static String aliasedFunctionOf(String integrationId, JsonNode integration) {
    return match(ALIAS_IN_URI, integration.path("Properties").path("IntegrationUri").path("Fn::Sub").asText(),
        "integration " + integrationId + " IntegrationUri, as !Sub \"...functions/${Function.Alias}/invocations\"");
  }

  /**
   * The logical id of the function whose alias an authorizer invokes, from an AuthorizerUri of the same form as an
   * integration's: the authorizer runs on every $connect, so it too is served from SnapStart's published versions.
   */
  static String aliasedFunctionOfAuthorizer(String authorizerId, JsonNode authorizer) {
    return match(ALIAS_IN_URI, authorizer.path("Properties").path("AuthorizerUri").path("Fn::Sub").asText(),
        "authorizer " + authorizerId + " AuthorizerUri, as !Sub \"...functions/${Function.Alias}/invocations\"");
  }

  /** The logical id of the role a function runs as, from {@code Role: !GetAtt Role.Arn}. */
  static String roleOf(String functionId, JsonNode function) {
    JsonNode getAtt = function.path("Properties").path("Role").path("Fn::GetAtt");
    assertThat(getAtt.path(1).asText()).as("Role of %s, as !GetAtt Role.Arn", functionId).isEqualTo("Arn");
    return getAtt.path(0).asText();
  }

  private static String match(Pattern pattern, String text, String what) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as("%s; found '%s'", what, text).isTrue();
    return m.group(1);
  }
}
