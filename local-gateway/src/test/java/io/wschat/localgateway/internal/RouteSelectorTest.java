package io.wschat.localgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteSelectorTest {
  private static final Set<String> ROUTES = Set.of("$connect", "$default", "send", "7");

  @Test
  void selects_the_named_route_or_default() {
    var selector = RouteSelector.parse("$request.body.action");
    assertThat(selector.select("{\"action\":\"send\"}", ROUTES)).isEqualTo("send");
    assertThat(selector.select("{\"action\":7}", ROUTES)).isEqualTo("7");
    assertThat(selector.select("{\"action\":\"other\"}", ROUTES)).isEqualTo("$default");
    assertThat(selector.select("{\"action\":\"$connect\"}", ROUTES)).isEqualTo("$default");
    assertThat(selector.select("{\"action\":null}", ROUTES)).isEqualTo("$default");
    assertThat(selector.select("[1,2]", ROUTES)).isEqualTo("$default");
    assertThat(selector.select("send", ROUTES)).isEqualTo("$default");
    assertThat(selector.select("", ROUTES)).isEqualTo("$default");
  }

  @Test
  void follows_a_dotted_path() {
    assertThat(RouteSelector.parse("$request.body.a.b").select("{\"a\":{\"b\":\"send\"}}", ROUTES))
        .isEqualTo("send");
  }

  @Test
  void refuses_expressions_it_cannot_evaluate() {
    for (String bad : new String[] {"action", "$request.body.", "$request.header.x", "$request.body.a..b", null}) {
      assertThatThrownBy(() -> RouteSelector.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
