package io.wschat.localchat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.wschat.bootstrap.ChatConfig;
import io.wschat.bootstrap.ChatLambdaHandler;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The chat's own $connect, which also tells the test each connection id: a chat client never learns its own, and
 * the Management API needs it.
 */
public final class RecordingConnectHandler
    implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse>, AutoCloseable {
  private static final BlockingQueue<String> CONNECTED = new LinkedBlockingQueue<>();

  private final ChatLambdaHandler chat;

  public RecordingConnectHandler(ChatConfig config) {
    this.chat = new ChatLambdaHandler(config);
  }

  @Override
  public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
    APIGatewayV2WebSocketResponse response = chat.handle(event, context);
    CONNECTED.add(event.getRequestContext().getConnectionId());
    return response;
  }

  /** The id of the next connection $connect accepted. */
  static String nextConnectionId() throws InterruptedException {
    String id = CONNECTED.poll(5, TimeUnit.SECONDS);
    if (id == null) {
      throw new AssertionError("no $connect within 5 s");
    }
    return id;
  }

  static void forget() {
    CONNECTED.clear();
  }

  @Override
  public void close() throws Exception {
    chat.application().close();
  }
}
