package io.wschat.domain.model;

import java.util.Objects;

/**
 * The private conversation between two users: an unordered pair, so {@code between(a, b)} equals
 * {@code between(b, a)}. {@link #first()} is the smaller id (by {@link String#compareTo}); a user may talk to
 * themselves, when both are the same.
 */
public record Conversation(UserId first, UserId second) {
  /** Separates the two ids in {@link #key()}; a user id can never contain it. */
  public static final char SEPARATOR = '|';

  public Conversation {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    if (first.value().compareTo(second.value()) > 0) {
      throw new IllegalArgumentException("a conversation names its smaller user id first; use Conversation.between");
    }
  }

  public static Conversation between(UserId a, UserId b) {
    return a.value().compareTo(b.value()) <= 0 ? new Conversation(a, b) : new Conversation(b, a);
  }

  public boolean includes(UserId user) {
    return first.equals(user) || second.equals(user);
  }

  /** The other party, as seen by {@code me}, who must take part. */
  public UserId other(UserId me) {
    if (!includes(me)) {
      throw new IllegalArgumentException(me + " does not take part in " + this);
    }
    return first.equals(me) ? second : first;
  }

  /** A stable text naming the conversation, for store keys: {@code first|second}. */
  public String key() {
    return first.value() + SEPARATOR + second.value();
  }

  @Override
  public String toString() {
    return key();
  }
}
