package io.wschat.benchmarks.jmh;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** A Lambda Context whose logger drops everything, so that benchmarks do not measure a terminal. */
final class NullContext implements Context {
  private static final LambdaLogger NOTHING = new LambdaLogger() {
    @Override
    public void log(String message) {}

    @Override
    public void log(byte[] message) {}
  };

  @Override public String getAwsRequestId() { return "00000000-0000-0000-0000-000000000000"; }
  @Override public String getLogGroupName() { return "/aws/lambda/wschat-bench"; }
  @Override public String getLogStreamName() { return "bench"; }
  @Override public String getFunctionName() { return "wschat-bench"; }
  @Override public String getFunctionVersion() { return "$LATEST"; }
  @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:wschat-bench"; }
  @Override public CognitoIdentity getIdentity() { return null; }
  @Override public ClientContext getClientContext() { return null; }
  @Override public int getRemainingTimeInMillis() { return 30_000; }
  @Override public int getMemoryLimitInMB() { return 1024; }
  @Override public LambdaLogger getLogger() { return NOTHING; }
}
