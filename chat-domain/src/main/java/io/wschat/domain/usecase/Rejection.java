package io.wschat.domain.usecase;

import io.wschat.domain.model.ErrorCode;

/** An expected reason not to do what was asked: a value, not a failure. */
public enum Rejection {
  NOT_REGISTERED(ErrorCode.NOT_REGISTERED),
  USER_NOT_CONNECTED(ErrorCode.USER_NOT_CONNECTED),
  /** The connection is signed in as someone else, or must be signed in and is not. */
  FORBIDDEN(ErrorCode.FORBIDDEN);

  private final ErrorCode code;

  Rejection(ErrorCode code) {
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
