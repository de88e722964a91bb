package io.wschat.bootstrap;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.wschat.adapter.lambda.WebSocketEvent;
import io.wschat.adapter.lambda.WebSocketEventJson;
import io.wschat.adapter.lambda.WebSocketResponse;
import io.wschat.bootstrap.snapstart.SnapStartHooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import io.wschat.metrics.Metrics;
import java.util.Map;

/**
 * The Lambda entry point: {@code io.wschat.bootstrap.ChatLambdaHandler::handleRequest}, for every route of the
 * WebSocket API. The runtime builds one instance per container, so the object graph is built once, at init; a bad
 * setting fails the init with a message naming the variable.
 *
 * <p>A stream handler: it reads the event JSON itself ({@link WebSocketEventJson}), so the runtime never loads its
 * POJO serialiser, ~300 ms of a cold start.
 */
public final class ChatLambdaHandler implements RequestStreamHandler, AutoCloseable {
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

  /** Used by the local runner: configuration from the template's variables, metrics to the runner's registry. */
  public ChatLambdaHandler(Map<String, String> environment, Metrics metrics) {
    this(ChatApplication.wire(ChatConfig.from(environment), metrics));
  }

  /** Used by tests. */
  public ChatLambdaHandler(ChatConfig config) {
    this(ChatApplication.wire(config));
  }

  /** Used by tests: metrics to {@code metrics}. */
  public ChatLambdaHandler(ChatConfig config, Metrics metrics) {
    this(ChatApplication.wire(config, metrics));
  }

  private ChatLambdaHandler(ChatApplication application) {
    this.application = application;
    this.snapStart = new SnapStartHooks(application::prime, application::dropConnections).register();
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    WebSocketEvent event;
    try {
      event = WebSocketEventJson.read(input);
    } catch (IOException notAnEvent) {
      event = null; // answered 400 and logged as not_a_websocket_event, like any event without a connection
    }
    WebSocketEventJson.write(handle(event, context), output);
  }

  /** One event, as {@link WebSocketEventJson} reads it: for tests and in-process callers. */
  public WebSocketResponse handle(WebSocketEvent event, Context context) {
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
