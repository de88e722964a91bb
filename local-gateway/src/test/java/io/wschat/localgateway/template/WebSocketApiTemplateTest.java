package io.wschat.localgateway.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebSocketApiTemplateTest {
  private static final String TEMPLATE = """
      AWSTemplateFormatVersion: "2010-09-09"
      Transform: AWS::Serverless-2016-10-31
      Parameters:
        AuthMode:
          Type: String
          Default: jwt
        Issuer:
          Type: String
          Default: https://issuer.example
      Conditions:
        UseAuth: !Equals [!Ref AuthMode, jwt]
      Resources:
        Api:
          Type: AWS::ApiGatewayV2::Api
          Properties:
            ProtocolType: WEBSOCKET
            RouteSelectionExpression: "$request.body.action"
        AppFunction:
          Type: AWS::Serverless::Function
          Properties:
            Handler: example.App::handleRequest
        AuthFunction:
          Type: AWS::Serverless::Function
          Properties:
            Handler: example.Auth::handleRequest
            Environment:
              Variables:
                ISSUER: !Ref Issuer
                AUDIENCE: chat
        Integration:
          Type: AWS::ApiGatewayV2::Integration
          Properties:
            ApiId: !Ref Api
            IntegrationType: AWS_PROXY
            IntegrationUri: !Sub "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${AppFunction.Alias}/invocations"
        ConnectAuthorizer:
          Type: AWS::ApiGatewayV2::Authorizer
          Properties:
            ApiId: !Ref Api
            Name: connect
            AuthorizerType: REQUEST
            IdentitySource: [route.request.querystring.token]
            AuthorizerUri: !Sub "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${AuthFunction.Arn}/invocations"
        ConnectRoute:
          Type: AWS::ApiGatewayV2::Route
          Properties:
            ApiId: !Ref Api
            RouteKey: "$connect"
      %s
            Target: !Sub "integrations/${Integration}"
        DefaultRoute:
          Type: AWS::ApiGatewayV2::Route
          Properties:
            ApiId: !Ref Api
            RouteKey: "$default"
            RouteResponseSelectionExpression: "$default"
            Target: !Sub "integrations/${Integration}"
        DefaultRouteResponse:
          Type: AWS::ApiGatewayV2::RouteResponse
          Properties:
            ApiId: !Ref Api
            RouteId: !Ref DefaultRoute
            RouteResponseKey: "$default"
        EchoRoute:
          Type: AWS::ApiGatewayV2::Route
          Properties:
            ApiId: !Ref Api
            RouteKey: echo
            Target: !Sub "integrations/${Integration}"
      """;

  @TempDir
  Path dir;

  @Test
  void a_route_with_a_route_response_is_two_way_and_one_without_is_one_way() throws IOException {
    WebSocketApiTemplate api = read();

    assertThat(api.routes().keySet()).contains("$default", "echo");
    assertThat(api.routeResponses()).containsExactly("$default");
  }

  @Test
  void half_a_two_way_route_is_refused_with_the_reason() throws IOException {
    assertThatThrownBy(() -> readEdited("RouteResponseKey: \"$default\"", "RouteResponseKey: \"$other\""))
        .isInstanceOf(TemplateException.class).hasMessageContaining("RouteResponseKey $default");
    assertThatThrownBy(() -> readEdited("RouteId: !Ref DefaultRoute", "RouteId: !Ref EchoRoute"))
        .isInstanceOf(TemplateException.class).hasMessageContaining("is half two-way");
  }

  @Test
  void a_custom_authorized_connect_route_brings_its_request_authorizer() throws IOException {
    var api = read("AuthorizationType: CUSTOM", "AuthorizerId: !Ref ConnectAuthorizer");

    assertThat(api.routes()).containsOnlyKeys("$connect", "$default", "echo");
    var authorizer = api.authorizer().orElseThrow();
    assertThat(authorizer.logicalId()).isEqualTo("ConnectAuthorizer");
    assertThat(authorizer.identitySources()).containsExactly("route.request.querystring.token");
    assertThat(authorizer.condition()).isEmpty();
    assertThat(authorizer.function().logicalId()).isEqualTo("AuthFunction");
    assertThat(authorizer.function().handlerClass()).isEqualTo("example.Auth");
    assertThat(authorizer.function().environment())
        .isEqualTo(Map.of("ISSUER", Optional.of("https://issuer.example"), "AUDIENCE", Optional.of("chat")));
  }

  @Test
  void an_authorizer_attached_through_fn_if_names_its_condition() throws IOException {
    var api = read("AuthorizationType: !If [UseAuth, CUSTOM, NONE]",
        "AuthorizerId: !If [UseAuth, !Ref ConnectAuthorizer, !Ref \"AWS::NoValue\"]");

    var authorizer = api.authorizer().orElseThrow();
    assertThat(authorizer.function().handler()).isEqualTo("example.Auth::handleRequest");
    assertThat(authorizer.condition()).contains("UseAuth");
  }

  @Test
  void a_connect_route_without_custom_authorization_has_no_authorizer() throws IOException {
    assertThat(read("AuthorizationType: NONE").authorizer()).isEmpty();
    assertThat(read().authorizer()).isEmpty();
  }

  @Test
  void an_authorizer_id_that_leads_nowhere_is_refused_with_the_reason() {
    assertThatThrownBy(() -> read("AuthorizationType: CUSTOM", "AuthorizerId: !Ref Missing"))
        .isInstanceOf(TemplateException.class).hasMessageContaining("AWS::ApiGatewayV2::Authorizer");
  }

  @Test
  void the_stages_route_throttling_is_read_from_literals_and_parameter_defaults() throws IOException {
    Path file = dir.resolve("throttled.yaml");
    Files.writeString(file, TEMPLATE.replace("%s\n", "").replace("""
        Parameters:
        """, """
        Parameters:
          RateLimit:
            Type: Number
            Default: 10
          BurstLimit:
            Type: Number
            Default: 20
        """) + """
          Stage:
            Type: AWS::ApiGatewayV2::Stage
            Properties:
              ApiId: !Ref Api
              StageName: prod
              DefaultRouteSettings:
                ThrottlingRateLimit: !Ref RateLimit
                ThrottlingBurstLimit: !Ref BurstLimit
              RouteSettings:
                echo:
                  ThrottlingRateLimit: 0.5
                  ThrottlingBurstLimit: 1
        """);

    var throttling = WebSocketApiTemplate.read(file).throttling();

    assertThat(throttling.forRoute("$default")).contains(new WebSocketApiTemplate.Limit(10, 20));
    assertThat(throttling.forRoute("echo")).contains(new WebSocketApiTemplate.Limit(0.5, 1));
  }

  @Test
  void a_template_without_a_stage_or_route_settings_has_no_throttling() throws IOException {
    assertThat(read().throttling()).isEqualTo(WebSocketApiTemplate.Throttling.NONE);
    assertThat(read().throttling().forRoute("$default")).isEmpty();
  }

  private WebSocketApiTemplate readEdited(String from, String to) throws IOException {
    Path file = dir.resolve("edited.yaml");
    Files.writeString(file, TEMPLATE.replace("%s\n", "").replace(from, to));
    return WebSocketApiTemplate.read(file);
  }

  /** The template, with these lines among the $connect route's properties. */
  private WebSocketApiTemplate read(String... connectRouteProperties) throws IOException {
    Path file = dir.resolve("template.yaml");
    var properties = new StringBuilder();
    for (String line : connectRouteProperties) {
      properties.append("      ").append(line).append('\n');
    }
    Files.writeString(file, TEMPLATE.replace("%s\n", properties));
    return WebSocketApiTemplate.read(file);
  }
}
