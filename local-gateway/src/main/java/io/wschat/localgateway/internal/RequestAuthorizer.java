package io.wschat.localgateway.internal;

import java.util.List;
import java.util.Map;

/**
 * A Lambda REQUEST authorizer on $connect, run the way API Gateway runs it: identity sources checked first (401
 * without invoking anything when one is missing), then the function, whose IAM policy decides. Results are not
 * cached: API Gateway caches authorizer results only for REST and HTTP APIs.
 */
public record RequestAuthorizer(LambdaFunction function, List<IdentitySource> identitySources) {
  public RequestAuthorizer {
    if (function == null) {
      throw new IllegalArgumentException("an authorizer needs a function");
    }
    identitySources = List.copyOf(identitySources);
  }

  Authorization authorize(EventFactory events, Connection connection, Map<String, List<String>> headers,
      QueryString query, String requestId) {
    for (IdentitySource source : identitySources) {
      if (source.valueIn(headers, query).isEmpty()) {
        return Authorization.Refused.unauthorized("identity source " + source + " is missing");
      }
    }
    String methodArn = events.connectMethodArn();
    Invocation outcome = Invocation.of(function, events.authorizer(connection, headers, query, methodArn, requestId));
    if (outcome instanceof Invocation.Failed failed) {
      // Lambda reports a thrown exception's message as errorMessage; API Gateway reads "Unauthorized" as 401.
      return "Unauthorized".equals(failed.error().getMessage())
          ? Authorization.Refused.unauthorized("Unauthorized")
          : new Authorization.Refused(500, "the authorizer failed");
    }
    return AuthorizerResponse.read(((Invocation.Returned) outcome).result(), methodArn);
  }
}
