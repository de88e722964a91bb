package io.wschat.adapter.apigw;

/**
 * Hears how each PostToConnection call ended, retries included, and how long it took: how the composition root
 * measures the Management API without an SDK type leaving this module. Called on the thread that posted (the
 * fan-out's own threads too), so it must be thread-safe and quick.
 */
@FunctionalInterface
public interface PostListener {
  /** Hears nothing. */
  PostListener NONE = (outcome, nanos) -> {};

  /** How a call ended. */
  enum Outcome {
    /** 200: API Gateway took the frame. */
    DELIVERED,
    /** 410: the connection is gone. */
    GONE,
    /** Still 429 after the retries: throttled, or the client's buffer is full. */
    THROTTLED,
    /** Anything else after the retries: 5xx, no answer, or another refusal. */
    FAILED
  }

  void posted(Outcome outcome, long nanos);
}
