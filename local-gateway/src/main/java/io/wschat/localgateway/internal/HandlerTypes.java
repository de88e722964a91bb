package io.wschat.localgateway.internal;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the input type a {@link RequestHandler} declares, the way the Lambda runtime does, so the event is
 * deserialised into the class the handler really expects. Type arguments bound by superclasses are followed.
 */
final class HandlerTypes {
  private HandlerTypes() {}

  /** The declared input class, or {@code Map} when it cannot be known (a lambda, a raw type). */
  static Class<?> inputType(Class<?> handlerClass) {
    Type found = find(handlerClass, Map.of());
    return found == null ? Map.class : rawClass(found);
  }

  private static Type find(Type type, Map<TypeVariable<?>, Type> bindings) {
    Class<?> raw;
    Map<TypeVariable<?>, Type> next = new HashMap<>();
    if (type instanceof ParameterizedType p) {
      raw = (Class<?>) p.getRawType();
      TypeVariable<?>[] vars = raw.getTypeParameters();
      Type[] args = p.getActualTypeArguments();
      for (int i = 0; i < vars.length; i++) {
        Type arg = args[i];
        next.put(vars[i], arg instanceof TypeVariable<?> v ? bindings.getOrDefault(v, v) : arg);
      }
      if (raw == RequestHandler.class) {
        return next.get(vars[0]);
      }
    } else if (type instanceof Class<?> c) {
      raw = c;
    } else {
      return null;
    }
    for (Type i : raw.getGenericInterfaces()) {
      Type r = find(i, next);
      if (r != null) {
        return r;
      }
    }
    Type superclass = raw.getGenericSuperclass();
    return superclass == null ? null : find(superclass, next);
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    return Map.class; // an unbound type variable or a wildcard: the runtime would see Object
  }
}
