package io.wschat.adapter.lambda;

/** The error codes of the wire protocol; see docs/protocol.md. */
public enum ErrorCode {
  INVALID_REQUEST,
  UNKNOWN_ACTION,
  NOT_REGISTERED,
  USER_NOT_CONNECTED,
  MESSAGE_TOO_LARGE,
  FORBIDDEN,
  INTERNAL_ERROR
}
