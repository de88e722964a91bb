package io.wschat.adapter.redis.internal;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import java.util.Objects;

/** Key names; docs/storage.md describes the layout. The scripts rebuild a user's key from {@link #userPrefix()}. */
public record KeyLayout(String prefix) {

  public KeyLayout {
    Objects.requireNonNull(prefix, "prefix");
  }

  /** A string holding the owner's user id, with a TTL. */
  public String connection(ConnectionId connection) {
    return prefix + "conn:" + connection.value();
  }

  /** A sorted set of the user's connection ids, each scored by its expiry in epoch milliseconds. */
  public String user(UserId user) {
    return userPrefix() + user.value();
  }

  public String userPrefix() {
    return prefix + "user:";
  }
}
