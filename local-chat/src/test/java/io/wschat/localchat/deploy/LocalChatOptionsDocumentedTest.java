package io.wschat.localchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.localchat.LocalChatCommand;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/local.md's table of the runner's options names exactly the options {@code wschat-local} has, both ways: an
 * option added without a row, or a row left behind by a renamed option, fails here. picocli's standard
 * {@code --help} and {@code --version} are not rows: the text above the table mentions {@code --help}.
 */
class LocalChatOptionsDocumentedTest {
  private static final Pattern OPTION = Pattern.compile("--?[a-z][a-z-]*");

  @Test
  void theOptionTableNamesEveryOptionAndNoOther() throws Exception {
    Set<String> documented = DocTable.read("docs/local.md", "runner-options").names(0, OPTION);

    Set<String> declared = new TreeSet<>();
    for (OptionSpec option : new CommandLine(new LocalChatCommand()).getCommandSpec().options()) {
      if (!option.usageHelp() && !option.versionHelp()) {
        declared.addAll(Set.of(option.names()));
      }
    }
    assertThat(declared).as("the command's options").isNotEmpty();
    assertThat(documented).as("options in docs/local.md's table").containsExactlyInAnyOrderElementsOf(declared);
  }
}
