package io.wschat.localchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.adapter.lambda.ErrorCode;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/protocol.md's table of error codes lists exactly the codes the edge can answer, so neither drifts. */
class ErrorCodesDocumentedTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\|");

  @Test
  void theErrorCodeTableListsEveryCodeAndNoOther() throws Exception {
    List<String> lines = Files.readAllLines(Repository.file("docs/protocol.md"));
    int start = lines.indexOf("### Error codes");
    assertThat(start).as("docs/protocol.md has its Error codes section").isNotNegative();
    List<String> documented = lines.subList(start + 1, lines.size()).stream()
        .takeWhile(line -> !line.startsWith("#"))
        .map(ROW::matcher).filter(Matcher::find).map(m -> m.group(1))
        .toList();

    assertThat(documented).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
  }
}
