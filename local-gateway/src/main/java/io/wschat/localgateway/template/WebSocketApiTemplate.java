package io.wschat.localgateway.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WebSocket API of a SAM or CloudFormation template, as the local gateway needs it: the route selection
 * expression, and for every route the Lambda function behind it (its handler string and environment). Running
 * locally from the template exercises the deployment's own wiring: a route missing there is missing here too.
 */
public record WebSocketApiTemplate(String routeSelectionExpression, Map<String, Function> routes) {

  /** A function as the template declares it. {@code environment} holds literal values and parameter defaults. */
  public record Function(String logicalId, String handler, Map<String, Optional<String>> environment) {
    /** The class of the handler string {@code package.Class::method}. */
    public String handlerClass() {
      int separator = handler.indexOf("::");
      return separator < 0 ? handler : handler.substring(0, separator);
    }
  }

  private static final Pattern INTEGRATION = Pattern.compile("integrations/\\$\\{([A-Za-z0-9]+)}");
  private static final Pattern FUNCTION_IN_URI = Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.(?:Alias|Arn))?}/invocations");

  public static WebSocketApiTemplate read(Path file) {
    JsonNode template;
    try {
      template = CloudFormationYaml.read(file);
    } catch (IOException | RuntimeException e) {
      throw new TemplateException("cannot read " + file + ": " + e.getMessage());
    }
    JsonNode resources = template.path("Resources");
    Map<String, JsonNode> parameters = fields(template.path("Parameters"));
    String api = onlyWebSocketApi(file, resources);
    String expression = resources.path(api).path("Properties").path("RouteSelectionExpression").asText(null);
    if (expression == null) {
      throw new TemplateException(file + ": the WebSocket API " + api + " has no RouteSelectionExpression");
    }
    Map<String, Function> routes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> resource : fields(resources).entrySet()) {
      JsonNode properties = resource.getValue().path("Properties");
      if (!"AWS::ApiGatewayV2::Route".equals(resource.getValue().path("Type").asText())
          || !api.equals(properties.path("ApiId").path("Ref").asText())) {
        continue;
      }
      String routeKey = properties.path("RouteKey").asText();
      String integration = match(INTEGRATION, text(properties.path("Target")), file, "route " + routeKey + " Target");
      String uri = text(resources.path(integration).path("Properties").path("IntegrationUri"));
      String function = match(FUNCTION_IN_URI, uri, file, "integration " + integration + " IntegrationUri");
      routes.put(routeKey, function(file, resources, parameters, function));
    }
    if (routes.isEmpty()) {
      throw new TemplateException(file + ": the WebSocket API " + api + " has no routes");
    }
    return new WebSocketApiTemplate(expression, Map.copyOf(routes));
  }

  private static String onlyWebSocketApi(Path file, JsonNode resources) {
    List<String> apis = new ArrayList<>();
    fields(resources).forEach((id, resource) -> {
      if ("AWS::ApiGatewayV2::Api".equals(resource.path("Type").asText())
          && "WEBSOCKET".equals(resource.path("Properties").path("ProtocolType").asText())) {
        apis.add(id);
      }
    });
    if (apis.size() != 1) {
      throw new TemplateException(file + " must declare exactly one WebSocket API, found " + apis);
    }
    return apis.get(0);
  }

  private static Function function(Path file, JsonNode resources, Map<String, JsonNode> parameters, String id) {
    JsonNode properties = resources.path(id).path("Properties");
    String handler = properties.path("Handler").asText(null);
    if (handler == null) {
      throw new TemplateException(file + ": function " + id + " has no Handler");
    }
    Map<String, Optional<String>> environment = new LinkedHashMap<>();
    fields(properties.path("Environment").path("Variables"))
        .forEach((name, value) -> environment.put(name, literal(value, parameters)));
    return new Function(id, handler, environment);
  }

  /** A plain value, or a {@code !Ref} to a parameter with a default; anything else is the deployment's to decide. */
  private static Optional<String> literal(JsonNode value, Map<String, JsonNode> parameters) {
    if (value.isValueNode()) {
      return Optional.of(value.asText());
    }
    JsonNode ref = value.get("Ref");
    if (ref != null && parameters.containsKey(ref.asText()) && parameters.get(ref.asText()).has("Default")) {
      return Optional.of(parameters.get(ref.asText()).get("Default").asText());
    }
    return Optional.empty();
  }

  /** The text of a plain string or of a {@code !Sub} string. */
  private static String text(JsonNode node) {
    JsonNode sub = node.get("Fn::Sub");
    return sub != null ? (sub.isArray() ? sub.path(0).asText() : sub.asText()) : node.asText();
  }

  private static String match(Pattern pattern, String text, Path file, String what) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      throw new TemplateException(file + ": cannot follow " + what + " '" + text + "'");
    }
    return m.group(1);
  }

  private static Map<String, JsonNode> fields(JsonNode node) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }
}
