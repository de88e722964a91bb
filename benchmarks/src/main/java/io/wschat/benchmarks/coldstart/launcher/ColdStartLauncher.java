package io.wschat.benchmarks.coldstart.launcher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
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
 * <p>{@code --task=PATHS} first: the function's code is loaded as Lambda's runtime loads it, by a
 * {@link URLClassLoader} over PATHS (the task directory, or jars in it) whose parent is the application class loader
 * (aws-lambda-java-runtime-interface-client's CustomerClassLoader); without it, from the JVM's class path.
 * {@code --main=CLASS} instead of a handler runs CLASS's main method through that loader (a training run).
 *
 * <p>Only the JDK, the Lambda jar and the runtime's jars are on the class path: nothing of the benchmarks module
 * but this package.
 */
public final class ColdStartLauncher {
  private ColdStartLauncher() {}

  /** What a response says, for the parent to check: the statusCode of an API Gateway answer, or an authorizer's. */
  private static String outcome(String responseJson) {
    if (responseJson.contains("\"principalId\"")) {
      return responseJson.contains("\"Allow\"") ? "allow" : "deny";
    }
    return responseJson.replaceAll("(?s).*\"statusCode\"\\s*:\\s*(\\d+).*", "$1");
  }

  public static void main(String[] args) throws Exception {
    long main = now();
    phase("main");
    int next = 0;
    ClassLoader loader = ColdStartLauncher.class.getClassLoader();
    if (args[next].startsWith("--task=")) {
      List<URL> urls = new ArrayList<>();
      for (String path : args[next].substring("--task=".length()).split(File.pathSeparator)) {
        urls.add(Path.of(path).toUri().toURL());
      }
      loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getSystemClassLoader());
      Thread.currentThread().setContextClassLoader(loader);
      next++;
    }
    if (args[next].startsWith("--main=")) {
      Method entry = Class.forName(args[next].substring("--main=".length()), true, loader)
          .getMethod("main", String[].class);
      entry.invoke(null, (Object) new String[0]);
      System.exit(0);
    }
    Class<?> type = Class.forName(args[next], true, loader);
    Object handler = type.getConstructor().newInstance();
    long constructed = now();
    phase("constructed");
    Context context = new LauncherContext();
    List<Long> handled = new ArrayList<>();
    List<String> outcomes = new ArrayList<>();
    for (int i = next + 1; i < args.length; i++) {
      byte[] event = Files.readAllBytes(Path.of(args[i]));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (handler instanceof RequestStreamHandler stream) {
        stream.handleRequest(new ByteArrayInputStream(event), out, context);
      } else {
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> pojo = (RequestHandler<Object, Object>) handler;
        Type[] io = handlerTypes(type);
        Object response = pojo.handleRequest(serializer(io[0], loader).fromJson(new ByteArrayInputStream(event)),
            context);
        serializer(io[1], loader).toJson(response, out);
      }
      outcomes.add(outcome(out.toString(StandardCharsets.UTF_8)));
      handled.add(now());
      phase("event" + (handled.size()));
    }
    StringBuilder line = new StringBuilder("COLDSTART main=").append(main).append(" constructed=").append(constructed);
    for (int i = 0; i < handled.size(); i++) {
      line.append(" event").append(i + 1).append('=').append(handled.get(i));
    }
    line.append(" statuses=").append(String.join(",", outcomes));
    System.out.println(line);
    System.out.flush();
    if (handler instanceof AutoCloseable closeable) {
      closeable.close();
    }
    // Like a frozen Lambda container, nothing lingers: non-daemon threads of SDKs must not keep us alive.
    System.exit(0);
  }

  /** The input and output types of a {@code RequestHandler<I, O>}, as the runtime finds them. */
  private static Type[] handlerTypes(Class<?> type) {
    for (Type implemented : type.getGenericInterfaces()) {
      if (implemented instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
        return p.getActualTypeArguments();
      }
    }
    throw new IllegalArgumentException(type + " does not implement RequestHandler<I, O> directly");
  }

  /**
   * As the runtime does: an event class of aws-lambda-java-events gets the runtime's event serializer; any other
   * type (a Map, a POJO) its Jackson serializer.
   */
  @SuppressWarnings("unchecked")
  private static PojoSerializer<Object> serializer(Type type, ClassLoader loader) {
    Class<?> raw = (Class<?>) (type instanceof ParameterizedType p ? p.getRawType() : type);
    if (LambdaEventSerializers.isLambdaSupportedEvent(raw.getName())) {
      return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(raw, loader);
    }
    return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
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
