package io.wschat.localgateway;

import static io.wschat.localgateway.WsClient.handshakeStatus;
import static io.wschat.localgateway.ConnectIT.quiet;
import static io.wschat.localgateway.RecordingHandler.requestContext;
import static io.wschat.localgateway.ScriptedAuthorizer.policy;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A Lambda REQUEST authorizer on $connect, as API Gateway runs it. */
class AuthorizerIT {
  private static final String TOKEN = "s3cr3t-t0ken-value";
  private static final List<String> BY_QUERY = List.of("route.request.querystring.token");
  private static final Map<String, Object> CONTEXT = Map.of("userId", "alice", "level", 3, "admin", true);

  @ParameterizedTest
  @ValueSource(strings = {"", "?token=", "?other=x"})
  void a_missing_or_empty_identity_source_gets_401_without_running_the_authorizer_or_connect(String query)
      throws Exception {
    var authorizer = ScriptedAuthorizer.answering(policy("alice", "Allow", "*", CONTEXT));
    var connect = new RecordingHandler();
    List<String> log = new CopyOnWriteArrayList<>();
    try (var gateway = quiet().accessLog(log::add).authorizer(authorizer, BY_QUERY).route("$connect", connect)
        .build().start()) {
      assertThat(handshakeStatus(URI.create(gateway.webSocketUri() + query))).isEqualTo(401);
      assertThat(authorizer.events).isEmpty();
      assertThat(connect.events).isEmpty();
      assertThat(log).singleElement().asString().contains("\"status\":401", "\"authorizerStatus\":401");
    }
  }

  @Test
  void an_authorizer_that_throws_unauthorized_gets_401_and_connect_never_runs() throws Exception {
    var connect = new RecordingHandler();
    try (var gateway = quiet().authorizer(ScriptedAuthorizer.throwing("Unauthorized"), BY_QUERY)
        .route("$connect", connect).build().start()) {
      assertThat(handshakeStatus(withToken(gateway))).isEqualTo(401);
      assertThat(connect.events).isEmpty();
    }
  }

  @Test
  void an_authorizer_that_fails_otherwise_gets_500() {
    try (var gateway = quiet().authorizer(ScriptedAuthorizer.throwing("database down"), BY_QUERY)
        .route("$connect", new RecordingHandler()).build().start()) {
      assertThat(handshakeStatus(withToken(gateway))).isEqualTo(500);
    }
  }

  @Test
  void a_deny_gets_403_even_beside_an_allow() {
    Map<String, Object> allowAndDeny = Map.of("principalId", "alice", "policyDocument", Map.of(
        "Version", "2012-10-17", "Statement", List.of(
            Map.of("Action", "execute-api:Invoke", "Effect", "Allow", "Resource", "*"),
            Map.of("Action", "execute-api:Invoke", "Effect", "Deny", "Resource", "arn:aws:execute-api:*/$connect"))));
    var connect = new RecordingHandler();
    for (var answer : List.of(policy("alice", "Deny", "*", Map.of()), allowAndDeny)) {
      try (var gateway = quiet().authorizer(ScriptedAuthorizer.answering(answer), BY_QUERY)
          .route("$connect", connect).build().start()) {
        assertThat(handshakeStatus(withToken(gateway))).isEqualTo(403);
      }
    }
    assertThat(connect.events).isEmpty();
  }

  @Test
  void an_allow_without_a_principal_or_for_another_resource_gets_403() {
    var answers = List.of(
        policy(null, "Allow", "*", CONTEXT),
        policy(" ", "Allow", "*", CONTEXT),
        policy("alice", "Allow", "arn:aws:execute-api:us-east-1:123456789012:otherapi/*", CONTEXT),
        Map.<String, Object>of("principalId", "alice"),
        policy("alice", "Allow", "*", Map.of("nested", Map.of("not", "allowed"))));
    for (var answer : answers) {
      try (var gateway = quiet().authorizer(ScriptedAuthorizer.answering(answer), BY_QUERY)
          .route("$connect", new RecordingHandler()).build().start()) {
        assertThat(handshakeStatus(withToken(gateway))).as("answer %s", answer).isEqualTo(403);
      }
    }
  }

  @Test
  void an_authorizer_that_returns_nothing_gets_403() {
    RequestHandler<Map<String, Object>, Object> silent = (event, context) -> null;
    try (var gateway = quiet().authorizer(silent, BY_QUERY).build().start()) {
      assertThat(handshakeStatus(withToken(gateway))).isEqualTo(403);
    }
  }

  @Test
  void the_authorizer_gets_a_request_event_for_the_connect_method_arn() throws Exception {
    var authorizer = new ScriptedAuthorizer(
        event -> policy("alice", "Allow", (String) event.get("methodArn"), CONTEXT));
    var connect = new RecordingHandler();
    try (var gateway = quiet().stage("dev").authorizer(authorizer, BY_QUERY).route("$connect", connect)
        .build().start();
         var client = WsClient.connect(URI.create(gateway.webSocketUri() + "?token=" + TOKEN + "&x=1&x=2"),
             "auth-test/1.0")) {
      var event = authorizer.next();
      var rc = requestContext(connect.next());
      assertThat(event).containsEntry("type", "REQUEST")
          .containsEntry("methodArn", "arn:aws:execute-api:us-east-1:123456789012:" + gateway.apiId() + "/dev/$connect")
          .containsEntry("queryStringParameters", Map.of("token", TOKEN, "x", "2"))
          .containsEntry("multiValueQueryStringParameters", Map.of("token", List.of(TOKEN), "x", List.of("1", "2")))
          .containsEntry("stageVariables", Map.of())
          .containsKeys("headers", "multiValueHeaders");
      @SuppressWarnings("unchecked") var headers = (Map<String, String>) event.get("headers");
      assertThat(headers).containsKeys("Host", "Sec-WebSocket-Key", "X-Forwarded-For");
      assertThat(requestContext(event)).containsEntry("routeKey", "$connect").containsEntry("eventType", "CONNECT")
          .containsEntry("messageDirection", "IN").containsEntry("stage", "dev").containsEntry("apiId", gateway.apiId())
          .containsEntry("domainName", "localhost:" + gateway.port())
          .containsEntry("connectionId", rc.get("connectionId")).containsEntry("requestId", rc.get("requestId"))
          .containsEntry("connectedAt", rc.get("connectedAt"))
          .containsEntry("identity", Map.of("sourceIp", "127.0.0.1", "userAgent", "auth-test/1.0"))
          .containsKeys("extendedRequestId", "requestTime", "requestTimeEpoch")
          .doesNotContainKey("authorizer");
    }
  }

  @Test
  void an_allow_connects_and_every_later_event_carries_the_authorizer_context() throws Exception {
    var authorizer = ScriptedAuthorizer.answering(
        policy("alice-sub", "Allow", "arn:aws:execute-api:*:*:*/local/$connect", CONTEXT));
    var raw = new RecordingHandler();
    BlockingQueue<APIGatewayV2WebSocketEvent> typedEvents = new LinkedBlockingQueue<>();
    var typed = new TypedRecorder(typedEvents);
    List<String> log = new CopyOnWriteArrayList<>();
    try (var gateway = quiet().accessLog(log::add).authorizer(authorizer, BY_QUERY)
        .route("$connect", raw).route("$default", raw).route("$disconnect", raw)
        .route("typed", typed).build().start()) {
      var client = WsClient.connect(withToken(gateway));
      client.send("hello").send("{\"action\":\"typed\"}");
      client.closeWith(1000, "bye");

      Map<String, Object> expected = Map.of("principalId", "alice-sub", "userId", "alice", "level", 3, "admin", true);
      var connect = raw.next();
      var message = raw.next();
      var disconnect = raw.next();
      assertThat(requestContext(connect)).containsEntry("eventType", "CONNECT").containsEntry("authorizer", expected);
      assertThat(requestContext(message)).containsEntry("eventType", "MESSAGE").containsEntry("authorizer", expected);
      assertThat(requestContext(disconnect)).containsEntry("eventType", "DISCONNECT")
          .containsEntry("authorizer", expected);

      var typedMessage = typedEvents.poll(5, TimeUnit.SECONDS);
      assertThat(typedMessage).isNotNull();
      assertThat(typedMessage.getRequestContext().getAuthorizer()).isEqualTo(expected);
      client.awaitClose(Duration.ofSeconds(5));
    }
    assertThat(log).hasSize(2).noneMatch(line -> line.contains(TOKEN));
    assertThat(log.get(0)).contains("\"status\":200", "\"authorizerStatus\":200", "\"principalId\":\"alice-sub\"");
  }

  @Test
  void the_typed_events_classes_work_in_and_out_of_a_java_authorizer() throws Exception {
    RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> javaAuthorizer = new JavaAuthorizer();
    var connect = new RecordingHandler();
    try (var gateway = quiet().authorizer(javaAuthorizer, List.of("route.request.header.X-Auth"))
        .route("$connect", connect).build().start()) {
      var client = WsClient.HTTP.newWebSocketBuilder().header("x-auth", TOKEN)
          .buildAsync(gateway.webSocketUri(), new WebSocket.Listener() {}).join();
      assertThat(requestContext(connect.next())).containsEntry("authorizer",
          Map.of("principalId", "java-user", "userId", "java-user"));
      client.abort();
      assertThat(handshakeStatus(gateway.webSocketUri())).isEqualTo(401);
    }
  }

  @Test
  void the_token_never_reaches_the_access_log_whatever_the_outcome() {
    List<String> log = new CopyOnWriteArrayList<>();
    for (var authorizer : List.of(ScriptedAuthorizer.throwing("Unauthorized"),
        ScriptedAuthorizer.answering(policy("alice", "Deny", "*", Map.of())),
        ScriptedAuthorizer.throwing("bad token " + TOKEN))) {
      try (var gateway = quiet().accessLog(log::add).authorizer(authorizer, BY_QUERY).build().start()) {
        handshakeStatus(withToken(gateway));
      }
    }
    assertThat(log).hasSize(3).noneMatch(line -> line.contains(TOKEN));
    assertThat(log).extracting(line -> line.replaceAll(".*\"authorizerStatus\":(\\d+).*", "$1"))
        .containsExactly("401", "403", "500");
  }

  private static URI withToken(LocalGateway gateway) {
    return URI.create(gateway.webSocketUri() + "?token=" + TOKEN);
  }

  /** Written as a Java authorizer would be on AWS, with the events library's own types. */
  private static final class JavaAuthorizer
      implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {
    @Override
    public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
      if (!TOKEN.equals(event.getHeaders().get("x-auth"))) {
        throw new RuntimeException("Unauthorized");
      }
      return IamPolicyResponseV1.builder().withPrincipalId("java-user")
          .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
              .withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
              .withStatement(List.of(IamPolicyResponseV1.allowStatement(event.getMethodArn()))).build())
          .withContext(Map.of("userId", "java-user")).build();
    }
  }
}
