package io.wschat.bootstrap;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.wschat.adapter.lambda.EventLog;
import io.wschat.adapter.emf.EmfMetrics;
import io.wschat.adapter.lambda.JsonObjects;
import io.wschat.adapter.lambda.Subprotocols;
import io.wschat.adapter.lambda.TraceIds;
import io.wschat.bootstrap.auth.AuthorizerConfig;
import io.wschat.bootstrap.auth.TokenVerifier;
import io.wschat.bootstrap.snapstart.AuthorizerPriming;
import io.wschat.bootstrap.snapstart.SnapStartHooks;
import io.wschat.domain.model.UserId;
import io.wschat.metrics.Metric;
import io.wschat.metrics.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The $connect REQUEST authorizer: {@code io.wschat.bootstrap.TokenAuthorizer::handleRequest}, without identity
 * sources (API Gateway requires every one present, and the token may come in either of two places). It reads the
 * token from the offered subprotocol {@code wschat.token.<JWT>} ({@link Subprotocols}), else from the query string's
 * {@code token}. A valid token gets an Allow policy for the $connect method with principalId = the token's subject
 * and {@code context.userId} = the same, which API Gateway then passes to every event of the connection; a missing
 * or invalid token gets {@code Unauthorized} (HTTP 401). It never logs a token.
 */
public final class TokenAuthorizer implements RequestStreamHandler {
  static final String UNAUTHORIZED = "Unauthorized";

  private final TokenVerifier verifier;
  private final EventLog log;
  private final Metrics metrics;
  private final TraceIds traceIds;
  // Held here: the hooks must live as long as the handler for SnapStart to call them.
  private final SnapStartHooks snapStart;

  /** Used by the Lambda runtime: configuration from the environment. */
  public TokenAuthorizer() {
    this(System.getenv());
  }

  /**
   * Used by tests and the local gateway. Inside Lambda ({@code AWS_LAMBDA_FUNCTION_NAME} set) its metrics go out as
   * CloudWatch EMF; elsewhere nowhere.
   */
  public TokenAuthorizer(Map<String, String> environment) {
    this(environment, ChatApplication.defaultMetrics(ChatConfig.insideLambda(new Environment(environment))));
  }

  /** Used by the local runner and tests: metrics to {@code metrics}. */
  public TokenAuthorizer(Map<String, String> environment, Metrics metrics) {
    Environment env = new Environment(environment);
    this.verifier = new TokenVerifier(AuthorizerConfig.from(env));
    EventLog.Level level = ChatConfig.logLevelOf(env);
    LibraryLogging.follow(level, ChatConfig.insideLambda(env));
    this.log = new EventLog(level);
    this.metrics = metrics;
    this.traceIds = LambdaTraceHeader.ids();
    // Nothing to drop: the JWKS is fetched only by requests, after a restore. The EMF writer is primed too: its
    // first flush loads Jackson's databind.
    this.snapStart = new SnapStartHooks(() -> {
      AuthorizerPriming.run();
      EmfMetrics.prime();
    }, () -> { }).register();
  }

  /** Used by priming: a verifier built elsewhere, no metrics, and no SnapStart hooks of its own. */
  public TokenAuthorizer(TokenVerifier verifier, EventLog log) {
    this.verifier = verifier;
    this.log = log;
    this.metrics = Metrics.NONE;
    this.traceIds = TraceIds.NONE;
    this.snapStart = null;
  }

  /** The SnapStart hooks this authorizer registered (none for one built by priming). */
  public SnapStartHooks snapStart() {
    return snapStart;
  }

  /**
   * The runtime's entry point: the event's JSON in, the policy's out, with jackson-core ({@link JsonObjects}), so
   * that the runtime never loads its own serializer for a {@code Map} event; a refusal is the exception whose
   * message API Gateway turns into 401.
   */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonObjects.write(authorize(JsonObjects.read(input), context), output);
  }

  /**
   * One $connect event, as API Gateway sends it: an Allow policy for the token's user, or "Unauthorized". Its
   * metrics are written once, at its end, with the event's stage.
   */
  public Map<String, Object> authorize(Map<String, Object> event, Context context) {
    try {
      return decide(event, context);
    } finally {
      try {
        metrics.flush(nested(event, "requestContext", "stage"));
      } catch (RuntimeException e) {
        log.log(context == null ? null : context.getLogger(), EventLog.Level.ERROR, "metrics_not_written",
            Map.of("error", e.getClass().getName(), "detail", String.valueOf(e.getMessage())));
      }
    }
  }

  private Map<String, Object> decide(Map<String, Object> event, Context context) {
    LambdaLogger logger = context == null ? null : context.getLogger();
    String methodArn = String.valueOf(event.get("methodArn"));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("methodArn", methodArn);
    fields.put("connectionId", nested(event, "requestContext", "connectionId"));
    fields.put("requestId", nested(event, "requestContext", "requestId"));
    fields.put("xrayTraceId", traceIds.of(context));
    Optional<String> offered = Subprotocols.token(header(event, Subprotocols.HEADER));
    String inQuery = nested(event, "queryStringParameters", "token");
    fields.put("tokenIn", offered.isPresent() ? "subprotocol" : inQuery != null ? "query" : "none");
    UserId user;
    try {
      user = verifier.verify(offered.orElse(inQuery));
    } catch (TokenVerifier.InvalidTokenException e) {
      fields.put("outcome", "unauthorized");
      fields.put("reason", e.reason().code());
      fields.put("detail", e.getMessage());
      log.log(logger, EventLog.Level.INFO, "authorize", fields);
      metrics.count(Metric.AUTHORIZER_DENIED, e.reason().code());
      // API Gateway answers 401 for exactly this message.
      throw new IllegalStateException(UNAUTHORIZED);
    }
    fields.put("outcome", "allow");
    fields.put("userId", user.value());
    log.log(logger, EventLog.Level.INFO, "authorize", fields);
    metrics.count(Metric.AUTHORIZER_ALLOWED);
    return Map.of(
        "principalId", user.value(),
        "policyDocument", Map.of(
            "Version", "2012-10-17",
            "Statement", List.of(Map.of(
                "Action", "execute-api:Invoke",
                "Effect", "Allow",
                "Resource", methodArn))),
        "context", Map.of("userId", user.value()));
  }

  /** A request header; API Gateway passes the names as the client spelled them. */
  private static String header(Map<String, Object> event, String name) {
    return event.get("headers") instanceof Map<?, ?> headers ? headers.entrySet().stream()
        .filter(h -> name.equalsIgnoreCase(String.valueOf(h.getKey())) && h.getValue() != null)
        .map(h -> h.getValue().toString()).findFirst().orElse(null) : null;
  }

  private static String nested(Map<String, Object> event, String outer, String inner) {
    Object map = event.get(outer);
    Object value = map instanceof Map<?, ?> m ? m.get(inner) : null;
    return value == null ? null : value.toString();
  }
}
