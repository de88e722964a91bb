package io.wschat.adapter.lambda;

/** The error codes of the wire protocol; see docs/protocol.md. */
public enum ErrorCode {
  INVALID_REQUEST,
  UNKNOWN_ACTION,
  NOT_REGISTERED,
  USER_NOT_CONNECTED,
  MESSAGE_TOO_LARGE,
  FORBIDDEN,
  /** The sender is over their send rate; the frame's {@code retryAfterMs} says when to try again. */
  RATE_LIMITED,
  INTERNAL_ERROR
}
