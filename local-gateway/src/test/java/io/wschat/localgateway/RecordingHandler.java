package io.wschat.localgateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Keeps every event exactly as the runtime deserialised it into a Map, and answers with a fixed status. */
final class RecordingHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  final BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();
  private final int statusCode;

  RecordingHandler() {
    this(200);
  }

  RecordingHandler(int statusCode) {
    this.statusCode = statusCode;
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    events.add(event);
    return Map.of("statusCode", statusCode);
  }

  Map<String, Object> next() throws InterruptedException {
    Map<String, Object> event = events.poll(5, TimeUnit.SECONDS);
    if (event == null) {
      throw new AssertionError("no event within 5 s");
    }
    return event;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> requestContext(Map<String, Object> event) {
    return (Map<String, Object>) event.get("requestContext");
  }
}
