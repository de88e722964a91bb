package io.wschat.bootstrap;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.wschat.bootstrap.snapstart.SnapStartHooks;
import java.util.Map;

/**
 * The Lambda entry point: {@code io.wschat.bootstrap.ChatLambdaHandler::handleRequest}, for every route of the
 * WebSocket API. The runtime builds one instance per container, so the object graph is built once, at init; a bad
 * setting fails the init with a message naming the variable.
 */
public final class ChatLambdaHandler
    implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse>, AutoCloseable {
  private final ChatApplication application;
  // Held here: the hooks must live as long as the handler for SnapStart to call them.
  private final SnapStartHooks snapStart;

  /** Used by the Lambda runtime: configuration from the environment. */
  public ChatLambdaHandler() {
    this(ChatConfig.fromEnvironment());
  }

  /** Used by the local gateway: configuration from the variables the template declares. */
  public ChatLambdaHandler(Map<String, String> environment) {
    this(ChatConfig.from(environment));
  }

  /** Used by tests. */
  public ChatLambdaHandler(ChatConfig config) {
    this.application = ChatApplication.wire(config);
    this.snapStart = new SnapStartHooks(application::prime, application::dropConnections).register();
  }

  @Override
  public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
    return application.handler().handle(event, context);
  }

  /** The SnapStart hooks this handler registered. */
  public SnapStartHooks snapStart() {
    return snapStart;
  }

  /** The wired application, for the local runner's shutdown and for tests. */
  public ChatApplication application() {
    return application;
  }

  /** Closes the store's and the Management API's clients; Lambda never calls it, the local gateway does. */
  @Override
  public void close() throws Exception {
    application.close();
  }
}
