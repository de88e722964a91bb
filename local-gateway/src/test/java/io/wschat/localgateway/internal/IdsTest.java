package io.wschat.localgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void ids_look_like_api_gateways_and_never_start_with_a_dash() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = Ids.next();
      assertThat(id).matches("[A-Za-z0-9_][A-Za-z0-9_-]{14}=");
      seen.add(id);
    }
    assertThat(seen).hasSize(10_000);
  }

  @Test
  void the_api_id_is_stable_per_seed() {
    assertThat(Ids.apiId("local")).matches("[a-z0-9]{10}").isEqualTo(Ids.apiId("local"))
        .isNotEqualTo(Ids.apiId("prod"));
  }
}
