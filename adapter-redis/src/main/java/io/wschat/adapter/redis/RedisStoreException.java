package io.wschat.adapter.redis;

/**
 * Redis did not answer, or answered with an error: unreachable, timed out, refused the credentials, or the pool
 * had no free connection in time. The message names the operation, the time it took and the cause, never a
 * password or a key's value, so it is safe to log. Expected outcomes (an unknown id) are never reported this way.
 */
public final class RedisStoreException extends RuntimeException {

  private final String operation;

  RedisStoreException(String operation, String message, Throwable cause) {
    super(message, cause);
    this.operation = operation;
  }

  /** The port operation that failed, by its method name: register, userOf, append, pending, and so on. */
  public String operation() {
    return operation;
  }
}
