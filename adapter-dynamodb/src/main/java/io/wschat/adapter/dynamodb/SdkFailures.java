package io.wschat.adapter.dynamodb;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How both adapters word a failed DynamoDB request: the operation, the table, the id it was for and the AWS request
 * id, never more of an item than its ids, so the text is safe to log.
 */
final class SdkFailures {
  private SdkFailures() {}

  static String describe(String operation, String table, Object id, SdkException e) {
    String request = operation + " on table '" + table + "' for " + id;
    if (e instanceof AwsServiceException service) {
      String code = service.awsErrorDetails() == null ? "" : " " + service.awsErrorDetails().errorCode();
      return request + " failed: HTTP " + service.statusCode() + code + " (request id " + service.requestId() + ", "
          + e.numAttempts() + " attempts)";
    }
    return request + " got no answer (" + e.numAttempts() + " attempts): " + e.getMessage();
  }

  /** A deployment or configuration mistake, told with the variable that fixes it and the helper that creates it. */
  static String missingTable(String operation, String table, String kind, String variable, Class<?> layout) {
    return operation + " failed: DynamoDB table '" + table + "' does not exist in this account and region. Set "
        + variable + " to the name of the " + kind + " table, or create it (" + layout.getSimpleName() + ".create,"
        + " or the deployment template).";
  }
}
