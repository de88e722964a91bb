package io.wschat.localchat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.wschat.adapter.lambda.WebSocketEventJson;
import io.wschat.bootstrap.ChatConfig;
import io.wschat.bootstrap.ChatLambdaHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The chat's own $connect, which also tells the test each connection id: a chat client never learns its own, and
 * the Management API needs it.
 */
public final class RecordingConnectHandler
    implements RequestStreamHandler, AutoCloseable {
  private static final BlockingQueue<String> CONNECTED = new LinkedBlockingQueue<>();

  private final ChatLambdaHandler chat;

  public RecordingConnectHandler(ChatConfig config) {
    this.chat = new ChatLambdaHandler(config);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] event = input.readAllBytes();
    chat.handleRequest(new ByteArrayInputStream(event), output, context);
    CONNECTED.add(WebSocketEventJson.read(new ByteArrayInputStream(event)).connectionId());
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
