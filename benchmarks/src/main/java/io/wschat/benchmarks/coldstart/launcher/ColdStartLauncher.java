package io.wschat.benchmarks.coldstart.launcher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The main class of one cold-start JVM, standing in for the Lambda Java runtime: it loads the handler class named
 * in args[0], builds it with its no-arg constructor (configuration from the environment, as in Lambda), then feeds it
 * the event files args[1..] one by one, deserialised and serialised with the runtime's own serializers. It prints
 * one line of wall-clock stamps in epoch microseconds, so the parent can measure from the moment it forked us.
 *
 * <p>Only the JDK, the Lambda jar and the runtime's jars are on the class path: nothing of the benchmarks module
 * but this package.
 */
public final class ColdStartLauncher {
  private ColdStartLauncher() {}

  private static String statusCode(String responseJson) {
    return responseJson.replaceAll(".*\"statusCode\"\\s*:\\s*(\\d+).*", "$1");
  }

  public static void main(String[] args) throws Exception {
    long main = now();
    phase("main");
    ClassLoader loader = ColdStartLauncher.class.getClassLoader();
    Class<?> type = Class.forName(args[0], true, loader);
    Object handler = type.getConstructor().newInstance();
    long constructed = now();
    phase("constructed");
    Context context = new LauncherContext();
    List<Long> handled = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    if (handler instanceof RequestStreamHandler stream) {
      for (int i = 1; i < args.length; i++) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream.handleRequest(new ByteArrayInputStream(Files.readAllBytes(Path.of(args[i]))), out, context);
        statuses.add(statusCode(out.toString(StandardCharsets.UTF_8)));
        handled.add(now());
        phase("event" + i);
      }
    } else {
      @SuppressWarnings("unchecked")
      RequestHandler<Object, Object> pojo = (RequestHandler<Object, Object>) handler;
      // As the runtime does: the event type is the handler's declared input type, here the API Gateway event.
      Class<?> eventType = Class.forName(
          "com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent", true, loader);
      Class<?> responseType = Class.forName(
          "com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse", true, loader);
      PojoSerializer<Object> in = serializer(eventType, loader);
      PojoSerializer<Object> out = serializer(responseType, loader);
      for (int i = 1; i < args.length; i++) {
        Object event = in.fromJson(new ByteArrayInputStream(Files.readAllBytes(Path.of(args[i]))));
        Object response = pojo.handleRequest(event, context);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        out.toJson(response, json);
        statuses.add(statusCode(json.toString(StandardCharsets.UTF_8)));
        handled.add(now());
        phase("event" + i);
      }
    }
    StringBuilder line = new StringBuilder("COLDSTART main=").append(main).append(" constructed=").append(constructed);
    for (int i = 0; i < handled.size(); i++) {
      line.append(" event").append(i + 1).append('=').append(handled.get(i));
    }
    line.append(" statuses=").append(String.join(",", statuses));
    System.out.println(line);
    System.out.flush();
    if (handler instanceof AutoCloseable closeable) {
      closeable.close();
    }
    // Like a frozen Lambda container, nothing lingers: non-daemon threads of SDKs must not keep us alive.
    System.exit(0);
  }

  @SuppressWarnings("unchecked")
  private static PojoSerializer<Object> serializer(Class<?> type, ClassLoader loader) {
    return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, loader);
  }

  /** A marker in stdout, so that -Xlog:class+load lines printed to the same stream can be split by phase. */
  private static void phase(String name) {
    if (Boolean.getBoolean("wschat.coldstart.phases")) {
      System.out.println("PHASE " + name);
      System.out.flush();
    }
  }

  private static long now() {
    Instant t = Instant.now();
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }

}
