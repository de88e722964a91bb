package io.wschat.localgateway.internal;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The Lambda context a local invocation gets: enough for handlers that log and watch their deadline. */
final class LocalContext implements Context {
  /** API Gateway gives up on an integration after 29 seconds; a handler may plan for that much. */
  private static final long TIMEOUT_MILLIS = 29_000;

  private final String requestId = UUID.randomUUID().toString();
  private final String functionName;
  private final long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;

  LocalContext(String functionName) {
    this.functionName = functionName;
  }

  @Override public String getAwsRequestId() { return requestId; }
  @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
  @Override public String getLogStreamName() { return "local"; }
  @Override public String getFunctionName() { return functionName; }
  @Override public String getFunctionVersion() { return "$LATEST"; }
  @Override public String getInvokedFunctionArn() {
    return "arn:aws:lambda:local:000000000000:function:" + functionName;
  }
  @Override public CognitoIdentity getIdentity() { return null; }
  @Override public ClientContext getClientContext() { return null; }
  @Override public int getRemainingTimeInMillis() {
    return (int) Math.max(0, deadline - System.currentTimeMillis());
  }
  @Override public int getMemoryLimitInMB() { return 512; }
  @Override public LambdaLogger getLogger() { return PrintingLogger.INSTANCE; }

  /** Lambda turns each log call into one log event; locally that is one line on stdout. */
  private enum PrintingLogger implements LambdaLogger {
    INSTANCE;

    @Override public void log(String message) {
      System.out.println(message.endsWith("\n") ? message.substring(0, message.length() - 1) : message);
    }

    @Override public void log(byte[] message) {
      log(new String(message, StandardCharsets.UTF_8));
    }
  }
}
