package io.wschat.localchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.adapter.lambda.Routes;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/deploy.md's table of routes lists exactly the routes the handler serves ({@link Routes}, derived from the
 * action table), which {@link TemplateTest} holds template.yaml to; and it marks two-way exactly those that are.
 */
class RoutesDocumentedTest {
  private static final Pattern ROUTE = Pattern.compile("\\$?[A-Za-z]+");

  @Test
  void theRouteTableListsEveryRouteAndNoOther() throws Exception {
    DocTable table = DocTable.read("docs/deploy.md", "routes");
    assertThat(table.names(0, ROUTE)).as("routes in docs/deploy.md").containsExactlyInAnyOrderElementsOf(Routes.ALL);
  }

  @Test
  void theTwoWayRoutesAreTheAnsweredOnes() throws Exception {
    DocTable table = DocTable.read("docs/deploy.md", "routes");
    Set<String> twoWay = new TreeSet<>();
    for (List<String> row : table.rows()) {
      String twoWayCell = row.get(1);
      assertThat(twoWayCell).as("the two-way column of %s", row.get(0)).isIn("yes", "no");
      if (twoWayCell.equals("yes")) {
        twoWay.addAll(DocTable.backquoted(row.get(0), ROUTE));
      }
    }
    assertThat(twoWay).as("two-way routes in docs/deploy.md").containsExactlyInAnyOrderElementsOf(Routes.ANSWERED);
  }
}
