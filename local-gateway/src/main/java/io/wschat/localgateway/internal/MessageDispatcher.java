package io.wschat.localgateway.internal;

/** Routes one incoming message and answers the client the way API Gateway does when there is no answer to give. */
final class MessageDispatcher {
  private final Gateway gateway;
  private final Connection connection;

  MessageDispatcher(Gateway gateway, Connection connection) {
    this.gateway = gateway;
    this.connection = connection;
  }

  void dispatch(String body) {
    String requestId = Ids.next();
    String routeKey = gateway.settings().selector().select(body, gateway.settings().routes().keySet());
    var route = gateway.route(routeKey);
    if (route.isEmpty()) {
      reply(Json.errorFrame("Forbidden", connection.id(), requestId));
      return;
    }
    if (gateway.throttled(routeKey)) {
      // Beyond the stage's route throttling: the integration does not run, and the client is told so.
      reply(Json.errorFrame("Too Many Requests", connection.id(), requestId));
      return;
    }
    var event = gateway.events().message(connection, routeKey, body, requestId);
    Invocation outcome = Invocation.of(route.get().function(), event);
    if (outcome instanceof Invocation.Failed) {
      reply(Json.errorFrame("Internal server error", connection.id(), requestId));
    } else if (route.get().routeResponse() && ((Invocation.Returned) outcome).body() != null) {
      gateway.diagnostics().routeResponse();
      reply(((Invocation.Returned) outcome).body());
    }
  }

  /** A reply to a client whose outbound buffer is full is dropped, as a post to it would be refused. */
  private void reply(String frame) {
    connection.offer(frame);
  }
}
