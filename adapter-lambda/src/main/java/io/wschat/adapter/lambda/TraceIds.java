package io.wschat.adapter.lambda;

import com.amazonaws.services.lambda.runtime.Context;

/**
 * Where the X-Ray trace of an invocation is named. Lambda gives it as a trace header ({@code Root=1-…;Parent=…;
 * Sampled=…}), through the context on recent runtimes and otherwise through the runtime's system property or
 * {@code _X_AMZN_TRACE_ID}; the composition root, which reads the process's environment, supplies the fallback.
 */
@FunctionalInterface
public interface TraceIds {
  /** No trace ids: for tests and the local runner. */
  TraceIds NONE = context -> null;

  /** The trace header of this invocation, or null. */
  String header(Context context);

  /** The trace id of this invocation ({@code 1-5759e988-bd862e3fe1be46a994272793}), or null without one. */
  default String of(Context context) {
    String header = context == null || context.getXrayTraceId() == null ? header(context) : context.getXrayTraceId();
    return root(header);
  }

  /** The Root part of a trace header; a bare id is returned as it is. */
  static String root(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    for (String part : header.split(";")) {
      String trimmed = part.strip();
      if (trimmed.startsWith("Root=")) {
        return trimmed.substring("Root=".length());
      }
    }
    return header.contains("=") ? null : header.strip();
  }
}
