package io.wschat.adapter.redis.internal;

/**
 * Whether a port operation may reach the server twice, and so how it survives a pooled connection that died while
 * idle (Redis restarted, failed over, or closed it): the first command on such a connection is written into a
 * socket whose peer is gone, and fails at once with an end of stream or a reset. Each operation of the adapters
 * declares one; docs/storage.md has the table.
 */
public enum Replay {
  /**
   * A second run leaves the same state and gives an answer the caller can use as well as the first: reads, and
   * writes built to be repeated ({@code register}, {@code append} by its message id, {@code acquire} by its token,
   * {@code deliveredLive}). After a stale-connection failure it runs once more, on a fresh connection.
   */
  SAFE,

  /**
   * Never sent twice, because a second run would answer differently ({@code unregister} "not registered",
   * {@code advance} "not moved", losing a receipt). Instead, before it is written, a pooled connection that has
   * served before is checked with a {@code PING}; one that fails it is dropped, with every other idle one, and a
   * fresh connection takes the command ({@link FailingCallerFactory}). A failure after the command was written
   * fails the operation: its outcome is unknown.
   */
  CHECKED;
}
