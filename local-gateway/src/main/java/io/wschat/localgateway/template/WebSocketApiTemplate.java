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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WebSocket API of a SAM or CloudFormation template, as the local gateway needs it: the route selection
 * expression, for every route the Lambda function behind it (its handler string and environment), which routes are
 * two-way (a route response), and the REQUEST authorizer on $connect if there is one. Running locally from the template exercises the deployment's own wiring:
 * a route missing there is missing here too.
 */
public record WebSocketApiTemplate(String routeSelectionExpression, Map<String, Function> routes,
    Set<String> routeResponses, Optional<Authorizer> authorizer, Throttling throttling) {

  /**
   * The stage's route throttling: {@code DefaultRouteSettings} (applied to each route on its own) and the
   * {@code RouteSettings} of single routes, each a token bucket of {@code ThrottlingRateLimit} requests per second
   * and {@code ThrottlingBurstLimit} requests at once. Values are literals or parameter defaults; a limit the
   * template does not set (or sets from something else) is absent, as on a stage that sets none.
   */
  public record Throttling(Optional<Limit> defaultRoute, Map<String, Limit> routes) {
    public static final Throttling NONE = new Throttling(Optional.empty(), Map.of());

    public Throttling {
      routes = Map.copyOf(routes);
    }

    /** The limit that applies to a route: its own, or the stage's default. */
    public Optional<Limit> forRoute(String routeKey) {
      return Optional.ofNullable(routes.get(routeKey)).or(() -> defaultRoute);
    }
  }

  /** A token bucket: {@code ratePerSecond} tokens a second, at most {@code burst} at once. */
  public record Limit(double ratePerSecond, int burst) {
    public Limit {
      if (!(ratePerSecond >= 0) || burst < 0) {
        throw new IllegalArgumentException("throttling needs a rate and a burst of at least 0, got " + ratePerSecond
            + " and " + burst);
      }
    }
  }

  /** A function as the template declares it. {@code environment} holds literal values and parameter defaults. */
  public record Function(String logicalId, String handler, Map<String, Optional<String>> environment) {
    /** The class of the handler string {@code package.Class::method}. */
    public String handlerClass() {
      int separator = handler.indexOf("::");
      return separator < 0 ? handler : handler.substring(0, separator);
    }
  }

  /**
   * The Lambda REQUEST authorizer on the $connect route. {@code identitySources} are in API Gateway's syntax
   * ({@code route.request.querystring.token}). {@code condition} names the template condition it depends on, when
   * the route attaches it through {@code Fn::If} or the authorizer resource has a {@code Condition}: whoever runs
   * the template decides whether that condition holds locally.
   */
  public record Authorizer(String logicalId, Function function, List<String> identitySources,
      Optional<String> condition) {
    public Authorizer {
      identitySources = List.copyOf(identitySources);
    }
  }

  public WebSocketApiTemplate {
    routes = Map.copyOf(routes);
    routeResponses = Set.copyOf(routeResponses);
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
    Set<String> routeResponses = new TreeSet<>();
    Optional<Authorizer> authorizer = Optional.empty();
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
      if (twoWay(file, resources, resource.getKey(), routeKey, properties)) {
        routeResponses.add(routeKey);
      }
      if ("$connect".equals(routeKey)) {
        authorizer = authorizer(file, resources, parameters, properties);
      }
    }
    if (routes.isEmpty()) {
      throw new TemplateException(file + ": the WebSocket API " + api + " has no routes");
    }
    return new WebSocketApiTemplate(expression, routes, routeResponses, authorizer,
        throttling(file, resources, parameters, api));
  }

  /**
   * Whether a route is two-way: API Gateway sends its integration's response to the caller only when the route
   * has {@code RouteResponseSelectionExpression: $default} and an {@code AWS::ApiGatewayV2::RouteResponse} with key
   * {@code $default} (the only key WebSocket APIs support). Half of the pair is a mistake, refused with the reason.
   * {@code $connect} and {@code $disconnect} can never answer with a body, so they never count.
   */
  private static boolean twoWay(Path file, JsonNode resources, String routeId, String routeKey, JsonNode route) {
    String expression = route.path("RouteResponseSelectionExpression").asText(null);
    boolean response = false;
    for (Map.Entry<String, JsonNode> resource : fields(resources).entrySet()) {
      JsonNode properties = resource.getValue().path("Properties");
      if ("AWS::ApiGatewayV2::RouteResponse".equals(resource.getValue().path("Type").asText())
          && routeId.equals(properties.path("RouteId").path("Ref").asText())) {
        if (!"$default".equals(properties.path("RouteResponseKey").asText())) {
          throw new TemplateException(file + ": route response " + resource.getKey() + " must have RouteResponseKey"
              + " $default, the only key WebSocket APIs support");
        }
        response = true;
      }
    }
    if (response != "$default".equals(expression)) {
      throw new TemplateException(file + ": route " + routeKey + " is half two-way: it needs both"
          + " RouteResponseSelectionExpression: $default and an AWS::ApiGatewayV2::RouteResponse with key $default");
    }
    return response && !routeKey.equals("$connect") && !routeKey.equals("$disconnect");
  }

  /**
   * The authorizer a route declares with {@code AuthorizationType: CUSTOM} and {@code AuthorizerId: !Ref X}, either
   * possibly wrapped in {@code !If [Condition, ..., ...]}: the first branch is taken and the condition kept. Other
   * authorization types (NONE, AWS_IAM) mean no authorizer locally.
   */
  private static Optional<Authorizer> authorizer(
      Path file, JsonNode resources, Map<String, JsonNode> parameters, JsonNode route) {
    List<String> conditions = new ArrayList<>();
    if (!"CUSTOM".equals(firstBranch(route.path("AuthorizationType"), conditions).asText())) {
      return Optional.empty();
    }
    String id = firstBranch(route.path("AuthorizerId"), conditions).path("Ref").asText(null);
    JsonNode resource = id == null ? null : resources.get(id);
    if (resource == null || !"AWS::ApiGatewayV2::Authorizer".equals(resource.path("Type").asText())) {
      throw new TemplateException(file + ": the $connect route is CUSTOM-authorized, but its AuthorizerId does not"
          + " refer to an AWS::ApiGatewayV2::Authorizer");
    }
    JsonNode properties = resource.path("Properties");
    if (!"REQUEST".equals(properties.path("AuthorizerType").asText())) {
      throw new TemplateException(file + ": authorizer " + id + " must have AuthorizerType REQUEST, the only type"
          + " WebSocket APIs have");
    }
    String uri = text(properties.path("AuthorizerUri"));
    String function = match(FUNCTION_IN_URI, uri, file, "authorizer " + id + " AuthorizerUri");
    List<String> identitySources = new ArrayList<>();
    properties.path("IdentitySource").forEach(source -> identitySources.add(source.asText()));
    if (resource.hasNonNull("Condition")) {
      conditions.add(resource.get("Condition").asText());
    }
    if (conditions.stream().distinct().count() > 1) {
      throw new TemplateException(file + ": the $connect authorizer depends on several conditions " + conditions
          + "; the local gateway follows only one");
    }
    return Optional.of(new Authorizer(id, function(file, resources, parameters, function), identitySources,
        conditions.stream().findFirst()));
  }

  /** The route settings of the API's stage, if it has one; a template with several stages is the deployment's. */
  private static Throttling throttling(Path file, JsonNode resources, Map<String, JsonNode> parameters, String api) {
    List<JsonNode> stages = new ArrayList<>();
    fields(resources).forEach((id, resource) -> {
      if ("AWS::ApiGatewayV2::Stage".equals(resource.path("Type").asText())
          && api.equals(resource.path("Properties").path("ApiId").path("Ref").asText())) {
        stages.add(resource.path("Properties"));
      }
    });
    if (stages.size() != 1) {
      return Throttling.NONE;
    }
    JsonNode stage = stages.get(0);
    Map<String, Limit> routes = new LinkedHashMap<>();
    fields(stage.path("RouteSettings")).forEach((routeKey, settings) ->
        limit(file, settings, parameters, "RouteSettings." + routeKey).ifPresent(l -> routes.put(routeKey, l)));
    return new Throttling(limit(file, stage.path("DefaultRouteSettings"), parameters, "DefaultRouteSettings"),
        routes);
  }

  private static Optional<Limit> limit(Path file, JsonNode settings, Map<String, JsonNode> parameters, String what) {
    Optional<String> rate = settings.has("ThrottlingRateLimit")
        ? literal(settings.get("ThrottlingRateLimit"), parameters) : Optional.empty();
    Optional<String> burst = settings.has("ThrottlingBurstLimit")
        ? literal(settings.get("ThrottlingBurstLimit"), parameters) : Optional.empty();
    if (rate.isEmpty() || burst.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Limit(Double.parseDouble(rate.get()), (int) Double.parseDouble(burst.get())));
    } catch (IllegalArgumentException e) {
      throw new TemplateException(file + ": the stage's " + what + " throttling is not a rate and a burst: "
          + rate.get() + ", " + burst.get());
    }
  }

  /** A value, or the first branch of an {@code Fn::If} around it, whose condition is then added to conditions. */
  private static JsonNode firstBranch(JsonNode node, List<String> conditions) {
    JsonNode branches = node.get("Fn::If");
    if (branches == null || !branches.isArray() || branches.size() != 3) {
      return node;
    }
    conditions.add(branches.get(0).asText());
    return firstBranch(branches.get(1), conditions);
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
