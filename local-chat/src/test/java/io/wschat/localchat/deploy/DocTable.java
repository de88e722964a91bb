package io.wschat.localchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown table of the docs that mirrors a list in the code, found by the HTML comment marker on the line before
 * it ({@code <!-- name -->}), so that a test can hold the two together. Its rows are the lines that follow the header
 * and the separator, up to the first line that is not a table row.
 */
record DocTable(String file, String marker, List<List<String>> rows) {
  private static final Pattern BACKQUOTED = Pattern.compile("`([^`]+)`");

  static DocTable read(String file, String marker) throws IOException {
    List<String> lines = Files.readAllLines(Repository.file(file));
    int at = lines.indexOf("<!-- " + marker + " -->");
    assertThat(at).as("%s has the marker <!-- %s --> before its table", file, marker).isNotNegative();
    assertThat(lines.size()).as("%s: a table follows <!-- %s -->", file, marker).isGreaterThan(at + 3);
    assertThat(lines.get(at + 1)).as("%s: the header row after <!-- %s -->", file, marker).startsWith("|");
    assertThat(lines.get(at + 2)).as("%s: the separator row after <!-- %s -->", file, marker).startsWith("|---");
    List<List<String>> rows = new ArrayList<>();
    for (int i = at + 3; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      rows.add(cells(lines.get(i)));
    }
    assertThat(rows).as("%s: rows of the table after <!-- %s -->", file, marker).isNotEmpty();
    return new DocTable(file, marker, rows);
  }

  /** A row's cells, trimmed; a {@code \|} inside a cell (as in {@code `a\|b`}) does not split it. */
  private static List<String> cells(String line) {
    String inner = line.substring(1, line.endsWith("|") && line.length() > 1 ? line.length() - 1 : line.length());
    return Arrays.stream(inner.split("(?<!\\\\)\\|", -1)).map(String::strip).toList();
  }

  /** The backquoted words of one cell that match {@code word}, in order; {@code `--store memory\|redis`} gives {@code --store}. */
  static List<String> backquoted(String cell, Pattern word) {
    List<String> found = new ArrayList<>();
    Matcher m = BACKQUOTED.matcher(cell);
    while (m.find()) {
      Matcher w = word.matcher(m.group(1));
      if (w.lookingAt()) {
        found.add(w.group());
      }
    }
    return found;
  }

  /** The words of {@code column} in every row, in order, as a set (a duplicate fails: each fact is stated once). */
  Set<String> names(int column, Pattern word) {
    List<String> all = new ArrayList<>();
    rows.forEach(row -> all.addAll(backquoted(row.get(column), word)));
    assertThat(all).as("names in %s's table <!-- %s -->", file, marker).doesNotHaveDuplicates();
    return new LinkedHashSet<>(all);
  }
}
