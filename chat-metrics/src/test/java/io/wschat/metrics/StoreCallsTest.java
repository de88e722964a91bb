package io.wschat.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.wschat.domain.fake.SimpleConnectionRegistry;
import io.wschat.domain.fake.SimpleRateLimiter;
import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.SendRate;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.RateLimiter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each store call is timed by store and operation; one that throws is counted too, and still thrown. */
class StoreCallsTest {
  private final RecordingMetrics metrics = new RecordingMetrics();
  private final StoreCalls calls = StoreCalls.metered(metrics, "redis");

  @Test
  void a_call_is_timed_by_store_and_operation() {
    ConnectionRegistry registry = new ObservedConnectionRegistry(new SimpleConnectionRegistry(), calls);
    registry.register(new ConnectionId("AAAAAAAAAAAAAAA="), new UserId("alice"));
    registry.connectionsOf(new UserId("alice"));

    assertThat(metrics.values).extracting(RecordingMetrics.Value::metric, RecordingMetrics.Value::dimensions)
        .containsExactly(tuple(Metric.STORE_LATENCY, List.of("redis", "registry.register")),
            tuple(Metric.STORE_LATENCY, List.of("redis", "registry.connectionsOf")));
    assertThat(metrics.values).allSatisfy(v -> assertThat(v.value()).isNotNegative());
  }

  @Test
  void a_failing_call_is_counted_timed_and_rethrown() {
    IllegalStateException down = new IllegalStateException("connection refused");
    ConnectionRegistry failing = new ConnectionRegistry() {
      @Override
      public void register(ConnectionId connection, UserId user) {
        throw down;
      }

      @Override
      public Optional<UserId> unregister(ConnectionId connection) {
        throw down;
      }

      @Override
      public Set<ConnectionId> connectionsOf(UserId user) {
        throw down;
      }

      @Override
      public Optional<UserId> userOf(ConnectionId connection) {
        throw down;
      }
    };
    ConnectionRegistry registry = new ObservedConnectionRegistry(failing, calls);

    assertThatThrownBy(() -> registry.userOf(new ConnectionId("AAAAAAAAAAAAAAA="))).isSameAs(down);
    assertThat(metrics.values).extracting(RecordingMetrics.Value::metric)
        .containsExactly(Metric.STORE_FAILURES, Metric.STORE_LATENCY);
    assertThat(metrics.values).allSatisfy(v -> assertThat(v.dimensions()).containsExactly("redis", "registry.userOf"));
  }

  @Test
  void the_limiter_is_timed_and_the_disabled_ports_stay_themselves() {
    RateLimiter limiter = ObservedRateLimiter.of(new SimpleRateLimiter(new SendRate(10, 20)), calls);
    limiter.acquire(new UserId("alice"), Instant.now());

    assertThat(metrics.values).singleElement().satisfies(v -> assertThat(v.dimensions())
        .containsExactly("redis", "limiter.acquire"));
    assertThat(ObservedRateLimiter.of(RateLimiter.NONE, calls)).isSameAs(RateLimiter.NONE);
    assertThat(ObservedMessageLog.of(MessageLog.NONE, calls)).isSameAs(MessageLog.NONE);
  }

  @Test
  void around_runs_each_call_through_the_outer_then_the_inner_with_the_same_operation() {
    List<String> seen = new java.util.ArrayList<>();
    StoreCalls inner = new StoreCalls() {
      @Override
      public <T> T call(String operation, java.util.function.Supplier<T> work) {
        seen.add("inner " + operation);
        return work.get();
      }
    };
    ConnectionRegistry registry = new ObservedConnectionRegistry(new SimpleConnectionRegistry(), calls.around(inner));

    registry.register(new ConnectionId("AAAAAAAAAAAAAAA="), new UserId("alice"));

    assertThat(seen).containsExactly("inner registry.register");
    assertThat(metrics.values).singleElement().satisfies(v -> assertThat(v.dimensions())
        .containsExactly("redis", "registry.register"));
    assertThat(registry.userOf(new ConnectionId("AAAAAAAAAAAAAAA="))).contains(new UserId("alice"));
  }

  @Test
  void a_value_with_the_wrong_dimensions_is_refused() {
    assertThatThrownBy(() -> metrics.record(Metric.STORE_LATENCY, 1, "redis"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StoreLatency takes the dimensions");
    assertThatThrownBy(() -> metrics.count(Metric.MESSAGES_SENT, "extra"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
