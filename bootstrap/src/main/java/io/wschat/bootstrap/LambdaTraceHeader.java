package io.wschat.bootstrap;

import io.wschat.adapter.lambda.TraceIds;

/**
 * The X-Ray trace header where Lambda's Java runtime puts it when the context does not carry it: the system
 * property it sets before each invocation, else {@code _X_AMZN_TRACE_ID}. Read per invocation, since it changes.
 */
final class LambdaTraceHeader {
  static final String PROPERTY = "com.amazonaws.xray.traceHeader";
  static final String VARIABLE = "_X_AMZN_TRACE_ID";

  private LambdaTraceHeader() {}

  static TraceIds ids() {
    return context -> {
      String header = System.getProperty(PROPERTY);
      return header != null ? header : System.getenv(VARIABLE);
    };
  }
}
