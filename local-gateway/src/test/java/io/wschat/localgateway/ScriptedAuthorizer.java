package io.wschat.localgateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A REQUEST authorizer for tests: it keeps every event as the runtime deserialised it, and answers as told. */
final class ScriptedAuthorizer implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  final BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();
  private final Function<Map<String, Object>, Map<String, Object>> answer;

  ScriptedAuthorizer(Function<Map<String, Object>, Map<String, Object>> answer) {
    this.answer = answer;
  }

  static ScriptedAuthorizer answering(Map<String, Object> answer) {
    return new ScriptedAuthorizer(event -> answer);
  }

  static ScriptedAuthorizer throwing(String message) {
    return new ScriptedAuthorizer(event -> {
      throw new IllegalStateException(message);
    });
  }

  /** The IAM policy an authorizer returns: one statement on {@code execute-api:Invoke}. */
  static Map<String, Object> policy(String principalId, String effect, String resource, Map<String, Object> context) {
    Map<String, Object> answer = new LinkedHashMap<>();
    if (principalId != null) {
      answer.put("principalId", principalId);
    }
    answer.put("policyDocument", Map.of("Version", "2012-10-17", "Statement",
        List.of(Map.of("Action", "execute-api:Invoke", "Effect", effect, "Resource", resource))));
    answer.put("context", context);
    return answer;
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    events.add(event);
    return answer.apply(event);
  }

  Map<String, Object> next() throws InterruptedException {
    Map<String, Object> event = events.poll(5, TimeUnit.SECONDS);
    if (event == null) {
      throw new AssertionError("no authorizer event within 5 s");
    }
    return event;
  }
}
