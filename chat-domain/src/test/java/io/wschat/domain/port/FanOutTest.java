package io.wschat.domain.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class FanOutTest {
  final Set<String> keys = new LinkedHashSet<>(List.of("a", "b", "c"));

  @Test
  void every_key_is_tried_then_the_first_failure_is_thrown_with_the_others_suppressed() {
    Set<String> tried = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Throwable thrown = catchThrowable(() -> FanOut.apply(keys, key -> {
      tried.add(key);
      if (!key.equals("b")) {
        throw new IllegalStateException("failed " + key);
      }
      return key;
    }, Runnable::run));

    assertThat(tried).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(thrown).hasMessage("failed a");
    assertThat(thrown.getSuppressed()).singleElement().extracting(Throwable::getMessage).isEqualTo("failed c");
  }

  @Test
  void the_same_rules_hold_on_an_executor_and_results_keep_the_keys_order() {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Map<String, Integer> results = FanOut.apply(keys, String::length, pool);
      assertThat(results.keySet()).containsExactly("a", "b", "c");

      Throwable thrown = catchThrowable(() -> FanOut.apply(keys, key -> {
        if (key.equals("c")) {
          throw new IllegalArgumentException("failed c");
        }
        return key;
      }, pool));
      assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage("failed c");
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void no_keys_no_work() {
    assertThat(FanOut.apply(Set.<String>of(), key -> { throw new AssertionError(); }, Runnable::run)).isEmpty();
  }
}
