package io.wschat.adapter.dynamodb;

/**
 * A DynamoDB request of the message log that failed: throttling or server errors past the SDK's retries, no answer,
 * a refusal (IAM, table layout), a missing table, or a conversation too busy to append to. The message names the
 * operation, the table, the conversation or user and the AWS request id, never a message's text, so it is safe to
 * log.
 */
public final class MessageStoreException extends RuntimeException {
  MessageStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
