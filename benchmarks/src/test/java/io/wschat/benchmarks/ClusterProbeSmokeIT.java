package io.wschat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.benchmarks.cluster.ClusterProbe;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs ClusterProbe at a tiny size so that it cannot rot: every operation, on a redis-server and on a local
 * cluster, and redis-benchmark on both. It asserts that each produces numbers, not how fast they are.
 */
class ClusterProbeSmokeIT {

  @Test
  void every_operation_is_timed_on_both_engines() throws Exception {
    List<ClusterProbe.Row> rows = ClusterProbe.run(20);
    assertThat(rows).extracting(ClusterProbe.Row::operation).contains("first operation", "register",
        "register (move)", "unregister", "append", "pending (20)", "conversations (20)", "acquire",
        "redis-benchmark GET", "redis-benchmark SET");
    assertThat(rows).allSatisfy(row -> {
      assertThat(row.single()).as(row.operation()).isPositive();
      assertThat(row.cluster()).as(row.operation()).isPositive();
    });
  }
}
