package io.wschat.localchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.metrics.Dimension;
import io.wschat.metrics.Metric;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/deploy.md's table of metrics ("Operating wschat") lists exactly the metrics the code emits ({@link Metric}),
 * each with its unit and its dimensions besides Stage, so that an operator reads what CloudWatch will show.
 */
class MetricsDocumentedTest {
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z]+");
  /** A dimension's name: capitalised; the values beside it in the cell ({@code `dynamodb`}) are not. */
  private static final Pattern DIMENSION = Pattern.compile("[A-Z][a-z]+");

  @Test
  void theMetricTableListsEveryMetricAndNoOther() throws Exception {
    assertThat(DocTable.read("docs/deploy.md", "metrics").names(0, NAME)).as("metrics in docs/deploy.md")
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(Metric.values()).map(Metric::metricName).toList());
  }

  @Test
  void eachRowGivesItsMetricsUnitsAndDimensions() throws Exception {
    Map<String, Metric> byName = Arrays.stream(Metric.values())
        .collect(Collectors.toMap(Metric::metricName, Function.identity()));
    for (List<String> row : DocTable.read("docs/deploy.md", "metrics").rows()) {
      List<Metric> metrics = DocTable.backquoted(row.get(0), NAME).stream().map(byName::get).toList();
      assertThat(metrics).as("metrics of the row %s", row.get(0)).doesNotContainNull().isNotEmpty();

      List<String> units = Arrays.stream(row.get(1).split(",")).map(String::strip).toList();
      List<String> expectedUnits = metrics.stream().map(m -> unit(m.unit())).toList();
      if (units.size() == 1) {
        assertThat(Set.copyOf(expectedUnits)).as("the unit of %s", row.get(0)).containsExactly(units.get(0));
      } else {
        assertThat(units).as("the units of %s, in order", row.get(0)).isEqualTo(expectedUnits);
      }

      Set<String> dimensions = new TreeSet<>(DocTable.backquoted(row.get(2), DIMENSION));
      Set<String> expectedDimensions = metrics.stream().flatMap(m -> m.dimensions().stream())
          .map(Dimension::key).collect(Collectors.toCollection(TreeSet::new));
      assertThat(dimensions).as("the extra dimensions of %s", row.get(0)).isEqualTo(expectedDimensions);
    }
  }

  /** CloudWatch's spelling of a unit: Count, Milliseconds. */
  private static String unit(Metric.Unit unit) {
    String name = unit.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
