package io.wschat.domain.model;

/** What a client asked for. Error messages name it, so a client can tell which request failed. */
public enum Action {
  REGISTER_USER,
  SEND_PRIVATE_MESSAGE
}
