package io.wschat.domain.usecase;

/** An expected reason not to do what was asked: a value, not a failure. The inbound adapter words it for clients. */
public enum Rejection {
  /** The sending connection is registered as no one. */
  NOT_REGISTERED,
  /** The target user has no live connection. */
  USER_NOT_CONNECTED,
  /** The connection must be signed in (a verified identity) and is not. */
  NOT_SIGNED_IN,
  /** The connection is signed in as one user and asked to act as another. */
  SIGNED_IN_AS_ANOTHER_USER
}
