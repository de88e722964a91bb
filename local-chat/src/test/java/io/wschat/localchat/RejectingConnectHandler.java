package io.wschat.localchat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.wschat.bootstrap.ChatConfig;

/** A $connect function that turns everyone away, as an authorizer that says no would. */
public final class RejectingConnectHandler
    implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

  /** The runner builds every handler of the template this way. */
  public RejectingConnectHandler(ChatConfig config) {
  }

  @Override
  public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
    var response = new APIGatewayV2WebSocketResponse();
    response.setStatusCode(403);
    response.setBody("Forbidden");
    return response;
  }
}
