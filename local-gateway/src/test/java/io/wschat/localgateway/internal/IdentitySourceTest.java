package io.wschat.localgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentitySourceTest {
  private static final Map<String, List<String>> HEADERS = Map.of("auth", List.of("first", "last"));
  private static final QueryString QUERY = new QueryString(Map.of("token", "t", "empty", ""),
      Map.of("token", List.of("t"), "empty", List.of("")));

  @Test
  void a_header_source_finds_its_header_whatever_the_case() {
    assertThat(IdentitySource.parse("route.request.header.Auth").valueIn(HEADERS, QUERY)).contains("last");
    assertThat(IdentitySource.parse("route.request.header.Other").valueIn(HEADERS, QUERY)).isEmpty();
  }

  @Test
  void a_query_string_source_counts_an_empty_value_as_missing() {
    assertThat(IdentitySource.parse("route.request.querystring.token").valueIn(HEADERS, QUERY)).contains("t");
    assertThat(IdentitySource.parse("route.request.querystring.empty").valueIn(HEADERS, QUERY)).isEmpty();
    assertThat(IdentitySource.parse("route.request.querystring.Token").valueIn(HEADERS, QUERY)).isEmpty();
  }

  @Test
  void it_reads_back_in_api_gateway_syntax_and_refuses_any_other() {
    assertThat(IdentitySource.parse("route.request.querystring.token")).hasToString("route.request.querystring.token");
    for (String other : List.of("$request.header.Auth", "route.request.header.", "stageVariables.x", "token")) {
      assertThatThrownBy(() -> IdentitySource.parse(other)).hasMessageContaining("route.request.querystring.<name>");
    }
  }
}
