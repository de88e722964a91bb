package io.wschat.adapter.dynamodb;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the HTTP requests a client sends, by DynamoDB operation name. It counts at transmission, so every page of
 * a paginated Query and every retry is one request: what DynamoDB bills and what adds latency.
 */
public final class RequestCounter implements ExecutionInterceptor {
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    counts.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
        .incrementAndGet();
  }

  /** Requests since the last reset, by operation, sorted by name. */
  public Map<String, Integer> counts() {
    Map<String, Integer> snapshot = new TreeMap<>();
    counts.forEach((operation, count) -> snapshot.put(operation, count.get()));
    return snapshot;
  }

  public void reset() {
    counts.clear();
  }
}
