package io.wschat.adapter.dynamodb;

/**
 * A DynamoDB request on the connections table (of the registry or the rate limiter) that failed: throttling or
 * server errors past the SDK's retries, no answer at all, or a refusal (wrong IAM permission, wrong table layout).
 * The message names the operation, the table and the AWS request id, never more of the item than its ids, so it
 * is safe to log.
 */
public sealed class ConnectionStoreException extends RuntimeException permits MissingTableException {

  private final String tableName;

  ConnectionStoreException(String tableName, String message, Throwable cause) {
    super(message, cause);
    this.tableName = tableName;
  }

  public String tableName() {
    return tableName;
  }
}
