package io.wschat.architecture.planted.adapter.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;

/** Plant: an adapter reading the runtime's event POJO. Fails the no-chat-code-uses-the-event-classes rule. */
public final class HandlerOnEventPojos {
  public String routeKey(APIGatewayV2WebSocketEvent event) {
    return event.getRequestContext().getRouteKey();
  }
}
