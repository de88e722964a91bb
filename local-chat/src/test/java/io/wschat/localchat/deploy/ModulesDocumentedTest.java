package io.wschat.localchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's module table and docs/modules.md each have one row per module of the root pom.xml, and no other. */
class ModulesDocumentedTest {
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z-]+");

  @Test
  void theReadmeAndDocsModulesListEveryModuleOfThePom() throws Exception {
    List<String> modules = new ArrayList<>();
    Matcher m = MODULE.matcher(Files.readString(Repository.file("pom.xml")));
    while (m.find()) {
      modules.add(m.group(1));
    }
    assertThat(modules).as("modules of pom.xml").isNotEmpty();
    assertThat(List.copyOf(DocTable.read("README.md", "modules").names(0, NAME))).as("modules in README.md")
        .containsExactlyInAnyOrderElementsOf(modules);
    assertThat(List.copyOf(DocTable.read("docs/modules.md", "modules").names(0, NAME))).as("modules in docs/modules.md")
        .containsExactlyInAnyOrderElementsOf(modules);
  }
}
