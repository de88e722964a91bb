package io.wschat.benchmarks.coldstart.launcher;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** A Lambda Context whose logger writes to stdout, as the runtime's does. */
final class LauncherContext implements Context {
  private static final LambdaLogger STDOUT = new LambdaLogger() {
    @Override
    public void log(String message) {
      System.out.print(message);
    }

    @Override
    public void log(byte[] message) {
      log(new String(message, StandardCharsets.UTF_8));
    }
  };

  @Override public String getAwsRequestId() { return "00000000-0000-0000-0000-000000000000"; }
  @Override public String getLogGroupName() { return "/aws/lambda/wschat-coldstart"; }
  @Override public String getLogStreamName() { return "coldstart"; }
  @Override public String getFunctionName() { return "wschat-coldstart"; }
  @Override public String getFunctionVersion() { return "$LATEST"; }
  @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:wschat-coldstart"; }
  @Override public CognitoIdentity getIdentity() { return null; }
  @Override public ClientContext getClientContext() { return null; }
  @Override public int getRemainingTimeInMillis() { return 30_000; }
  @Override public int getMemoryLimitInMB() { return 1024; }
  @Override public LambdaLogger getLogger() { return STDOUT; }
}
