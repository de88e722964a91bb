package io.wschat.adapter.lambda;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one table of client actions: each has its wire name, which is also the key of its route (API Gateway selects
 * routes on {@code $request.body.action}). {@link Routes}, the template test and the local runner derive from it.
 */
public enum Action {
  REGISTER_USER("registerUser"),
  SEND_PRIVATE_MESSAGE("sendPrivateMessage"),
  GET_HISTORY("getHistory"),
  GET_CONVERSATIONS("getConversations"),
  SYNC("sync"),
  MARK_READ("markRead"),
  TYPING("typing");

  private final String wireName;

  Action(String wireName) {
    this.wireName = wireName;
  }

  /** The name clients write in {@code action}, and the route key. */
  public String wireName() {
    return wireName;
  }

  /** The action a wire name stands for, if any. */
  public static Optional<Action> named(String wireName) {
    return Arrays.stream(values()).filter(a -> a.wireName.equals(wireName)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(Action::wireName).toList();
  }
}
