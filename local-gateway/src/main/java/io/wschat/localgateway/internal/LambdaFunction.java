package io.wschat.localgateway.internal;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Lambda function: JSON bytes in, JSON bytes out. Events pass through the Lambda runtime's own
 * serialisers in both directions, so a handler that works here sees the same objects in Lambda.
 * Like a Lambda function with many warm instances, the handler is invoked concurrently: it must be thread-safe.
 * Like a function's code, the handler can be replaced while it runs ({@link #replaceWith}): later invocations run on
 * the new one, those already running finish on the old one.
 */
public final class LambdaFunction {
  private interface Invoker {
    byte[] invoke(byte[] event, Context context) throws Exception;
  }

  /** One handler instance and how many invocations are running on it. */
  private record Instance(Invoker invoker, AtomicInteger running) {}

  private final String name;
  private volatile Instance instance;

  private LambdaFunction(String name, Invoker invoker) {
    this.name = name;
    this.instance = new Instance(invoker, new AtomicInteger());
  }

  /** A {@link RequestHandler} or {@link RequestStreamHandler} instance. */
  public static LambdaFunction of(Object handler) {
    String name = handler.getClass().getSimpleName().isEmpty() ? "handler" : handler.getClass().getSimpleName();
    if (handler instanceof RequestStreamHandler stream) {
      return new LambdaFunction(name, (event, context) -> {
        var out = new ByteArrayOutputStream();
        stream.handleRequest(new ByteArrayInputStream(event), out, context);
        return out.toByteArray();
      });
    }
    if (handler instanceof RequestHandler<?, ?> typed) {
      return new LambdaFunction(name, typedInvoker(typed));
    }
    throw new IllegalArgumentException(
        handler.getClass().getName() + " implements neither RequestHandler nor RequestStreamHandler");
  }

  /** A Lambda handler string, {@code com.example.Handler} or {@code com.example.Handler::handleRequest}. */
  public static LambdaFunction ofHandlerString(String handler, ClassLoader loader) {
    String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
    try {
      return of(Class.forName(className, true, loader).getDeclaredConstructor().newInstance());
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("cannot instantiate Lambda handler " + handler
          + ": it needs a public no-argument constructor", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Invoker typedInvoker(RequestHandler<?, ?> handler) {
    ClassLoader loader = handler.getClass().getClassLoader();
    var typed = (RequestHandler<Object, Object>) handler;
    var input = (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(
        HandlerTypes.inputType(handler.getClass()), loader);
    Map<Class<?>, PojoSerializer<Object>> outputs = new ConcurrentHashMap<>();
    return (event, context) -> {
      Object result = typed.handleRequest(input.fromJson(new ByteArrayInputStream(event)), context);
      if (result == null) {
        return null;
      }
      var out = new ByteArrayOutputStream();
      outputs.computeIfAbsent(result.getClass(),
          c -> (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(c, loader)).toJson(result, out);
      return out.toByteArray();
    };
  }

  public String name() {
    return name;
  }

  /** The handler's serialised result, or null when it returned nothing. Exceptions are the function's errors. */
  public byte[] invoke(byte[] event, Context context) throws Exception {
    Instance current = instance;
    current.running().incrementAndGet();
    while (current != instance) { // replaced meanwhile: its drain may already have seen no invocation running
      current.running().decrementAndGet();
      current = instance;
      current.running().incrementAndGet();
    }
    try {
      return current.invoker().invoke(event, context);
    } finally {
      current.running().decrementAndGet();
    }
  }

  /**
   * From now on, invocations run on {@code next}'s handler. Returns once the invocations already running on the
   * previous one have finished, or after {@code waitMillis}: false then, and some may still be running.
   */
  public boolean replaceWith(LambdaFunction next, long waitMillis) {
    Instance previous = instance;
    instance = next.instance;
    long deadline = System.currentTimeMillis() + waitMillis;
    while (previous.running().get() > 0) {
      if (System.currentTimeMillis() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
