package io.wschat.domain.usecase;

/** Whether a connection's user id must be the identity verified when it connected. */
public enum IdentityPolicy {
  /** Anyone may register as anyone: for local runs and trusted networks only. */
  OPEN,
  /** A connection is the user its verified identity names, and no one else. */
  VERIFIED
}
