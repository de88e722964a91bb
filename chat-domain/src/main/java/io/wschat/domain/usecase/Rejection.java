package io.wschat.domain.usecase;

/** An expected reason not to do what was asked: a value, not a failure. The inbound adapter words it for clients. */
public enum Rejection {
  /** The sending connection is registered as no one. */
  NOT_REGISTERED,
  /** The target user has no live connection, and the message could not be kept for them. */
  USER_NOT_CONNECTED,
  /** The connection must be signed in (a verified identity) and is not. */
  NOT_SIGNED_IN,
  /** The connection is signed in as one user and asked to act as another. */
  SIGNED_IN_AS_ANOTHER_USER,
  /** The request names a conversation the caller does not take part in. */
  NOT_A_PARTICIPANT,
  /** A history cursor from one of the caller's conversations, used on another. */
  CURSOR_OF_ANOTHER_CONVERSATION,
  /** The message named is not one the caller received in that conversation, or it has expired. */
  UNKNOWN_MESSAGE
}
