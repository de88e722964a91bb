package io.wschat.localgateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.util.concurrent.BlockingQueue;

/** An integration that keeps every event it receives, deserialised as the Lambda runtime hands it to a handler. */
final class TypedRecorder implements RequestHandler<APIGatewayV2WebSocketEvent, Object> {
  private final BlockingQueue<APIGatewayV2WebSocketEvent> events;

  TypedRecorder(BlockingQueue<APIGatewayV2WebSocketEvent> events) {
    this.events = events;
  }

  @Override
  public Object handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
    events.add(event);
    return null;
  }
}
