package io.wschat.benchmarks.report;

import io.wschat.benchmarks.Benchmarks;
import io.wschat.benchmarks.coldstart.ColdStart;
import io.wschat.benchmarks.load.BurstTest;
import io.wschat.benchmarks.load.LoadTest;
import io.wschat.benchmarks.report.Figure.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders docs/performance.md. The command owns the part between the two markers and rewrites it on every run;
 * whatever a person wrote outside them (the analysis) is kept.
 */
public final class PerformanceReport {
  public static final String BEGIN = "<!-- figures: written by `java -jar benchmarks/target/wschat-benchmarks.jar`; do not edit by hand -->";
  public static final String END = "<!-- end of figures -->";
  public static final String MESSAGE_LOG_BEGIN = "<!-- message-log figures: written by `java -jar"
      + " benchmarks/target/wschat-benchmarks.jar [message-log]`; do not edit by hand -->";
  public static final String MESSAGE_LOG_END = "<!-- end of message-log figures -->";
  public static final String COLD_START_BEGIN = "<!-- cold-start figures: written by `java -jar"
      + " benchmarks/target/wschat-benchmarks.jar [cold-start]`; do not edit by hand -->";
  public static final String COLD_START_END = "<!-- end of cold-start figures -->";

  public record Section(String title, List<Figure> figures, String note) {}

  private PerformanceReport() {}

  /** One section per JDK the cold start measured. */
  public static List<Section> coldStart(ColdStart.Result result) {
    return result.jdks().stream().map(onJdk -> new Section("Cold start on " + onJdk.jdk().describe()
        + " (fresh JVM per run, flags " + result.flags() + ")", onJdk.figures(), onJdk.note())).toList();
  }

  public static Section redis(Map<String, List<Double>> ours, Map<String, List<Double>> theirs,
      Map<String, List<String>> commands, String engine) {
    List<Figure> figures = new ArrayList<>();
    for (String op : commands.keySet()) {
      List<String> command = commands.get(op);
      String shown = command.get(0).equals("EVALSHA") ? "EVALSHA <" + op + " script> " + command.get(2) + " keys…"
          : String.join(" ", command);
      Figure adapter = Figure.of("RedisConnectionRegistry." + op, "ops/s", ours.get(op));
      Figure reference = Figure.of("redis-benchmark -c 1: " + shown, "req/s", theirs.get(op));
      double referenceMedian = reference.median();
      Figure ratio = Figure.of("ratio " + op + ": adapter / redis-benchmark", "×",
          adapter.samples().stream().map(s -> s / referenceMedian).toList()).target(Target.atLeast(0.8));
      figures.add(adapter);
      figures.add(reference);
      figures.add(ratio);
    }
    return new Section("Registry on a real redis-server, one client, next to redis-benchmark", figures,
        "redis-server: " + engine + ". The ratio's samples are the adapter's iterations over redis-benchmark's median.");
  }

  public static Section load(List<LoadTest.Result> results) {
    List<Figure> figures = new ArrayList<>();
    StringBuilder note = new StringBuilder();
    for (LoadTest.Result result : results) {
      figures.addAll(result.figures(result.store().equals("memory")));
      LoadTest.Settings s = result.settings();
      note.append("- ").append(result.store()).append(", ").append(s.mode()).append(": ")
          .append(s.clients()).append(" clients × ").append(s.messagesPerRound()).append(" messages × ")
          .append(s.rounds()).append(" rounds after ").append(s.warmupRounds()).append(" warm-up round(s) (")
          .append(result.warmup().stream().mapToLong(LoadTest.Round::lost).sum()).append(" lost, ")
          .append(result.warmup().stream().mapToLong(LoadTest.Round::duplicated).sum())
          .append(" duplicated in warm-up); delivered ").append(result.delivered()).append(", lost ").append(result.lost())
          .append(", duplicated ").append(result.duplicated()).append(", failed with an error frame to the sender ")
          .append(result.failed())
          .append("; max latency per round ")
          .append(result.rounds().stream().map(r -> Figure.format(r.max()) + " ms").toList()).append('\n');
    }
    return new Section("Load test of the local chat as run-local.sh starts it, clients in another process, loopback",
        figures, note.toString());
  }

  public static Section bursts(List<BurstTest.Result> results) {
    List<Figure> figures = new ArrayList<>();
    StringBuilder note = new StringBuilder();
    for (BurstTest.Result result : results) {
      figures.addAll(result.figures());
      note.append(result.note());
    }
    return new Section("Burst: N clients each send M messages at once, on fresh servers, next to serverless-offline",
        figures, note.toString());
  }

  public static String render(Benchmarks.Settings settings, Machine machine, ZonedDateTime started,
      String loadBefore, String loadAfter, List<Section> sections) {
    StringBuilder md = new StringBuilder();
    md.append(BEGIN).append("\n\n");
    header(md, settings, machine, started, loadBefore, loadAfter);
    sections.forEach(section -> table(md, section));
    md.append(END);
    return merge(settings, BEGIN, END, md.toString(), "# Performance\n\n");
  }

  /**
   * The cold start's figures, one section per JDK, then (a full run) where the time goes on the running JDK, between
   * markers of their own, so that {@code cold-start} alone rewrites them and nothing else.
   */
  public static String renderColdStart(Benchmarks.Settings settings, Machine machine, ZonedDateTime started,
      String loadBefore, String loadAfter, ColdStart.Result cold) {
    StringBuilder md = new StringBuilder();
    md.append(COLD_START_BEGIN).append("\n\n");
    header(md, settings, machine, started, loadBefore, loadAfter);
    coldStart(cold).forEach(section -> table(md, section));
    if (!cold.probe().isEmpty()) {
      md.append("### Cold start, step by step (fresh JVM, median of 3; each step pays for the classes it loads first)\n\n");
      md.append("| step | ms |\n|---|---:|\n");
      cold.probe().forEach((step, ms) -> md.append("| ").append(step).append(" | ").append(Figure.format(ms))
          .append(" |\n"));
      md.append('\n');
    }
    if (!cold.classes().byPhase().isEmpty()) {
      Set<String> origins = new LinkedHashSet<>();
      cold.classes().byPhase().values().forEach(m -> origins.addAll(m.keySet()));
      md.append("### Cold start, classes loaded per phase (one run with -Xlog:class+load)\n\n");
      md.append("| origin |");
      cold.classes().byPhase().keySet().forEach(p -> md.append(' ').append(p).append(" |"));
      md.append(" total |\n|---|");
      cold.classes().byPhase().keySet().forEach(p -> md.append("---:|"));
      md.append("---:|\n");
      for (String origin : origins) {
        md.append("| ").append(origin).append(" |");
        int total = 0;
        for (Map<String, Integer> counts : cold.classes().byPhase().values()) {
          int n = counts.getOrDefault(origin, 0);
          total += n;
          md.append(' ').append(n).append(" |");
        }
        md.append(' ').append(total).append(" |\n");
      }
      md.append("| **all** |");
      int all = 0;
      for (Map<String, Integer> counts : cold.classes().byPhase().values()) {
        int n = counts.values().stream().mapToInt(Integer::intValue).sum();
        all += n;
        md.append(" **").append(n).append("** |");
      }
      md.append(" **").append(all).append("** |\n\n");
    }
    md.append(COLD_START_END);
    return merge(settings, COLD_START_BEGIN, COLD_START_END, md.toString(), "## Cold start\n\n");
  }

  /**
   * The message log's figures, between markers of their own, so that {@code message-log} alone rewrites them and
   * nothing else; a report without those markers gets them at its end.
   */
  public static String renderMessageLog(Benchmarks.Settings settings, Machine machine, ZonedDateTime started,
      String loadBefore, String loadAfter, List<Section> sections) {
    StringBuilder md = new StringBuilder();
    md.append(MESSAGE_LOG_BEGIN).append("\n\n");
    header(md, settings, machine, started, loadBefore, loadAfter);
    sections.forEach(section -> table(md, section));
    md.append(MESSAGE_LOG_END);
    return merge(settings, MESSAGE_LOG_BEGIN, MESSAGE_LOG_END, md.toString(), "## Message log\n\n");
  }

  private static void header(StringBuilder md, Benchmarks.Settings settings, Machine machine, ZonedDateTime started,
      String loadBefore, String loadAfter) {
    md.append("| | |\n|---|---|\n");
    md.append("| date | ").append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))).append(" |\n");
    md.append("| machine | ").append(machine.cores()).append(" cores, ").append(machine.memory()).append(", ")
        .append(machine.cpu()).append(" |\n");
    md.append("| OS | ").append(machine.os()).append(" |\n");
    md.append("| JDK | ").append(machine.jdk()).append(" |\n");
    md.append("| load average (1/5/15 min) | before: ").append(loadBefore).append("; after: ").append(loadAfter)
        .append(" |\n");
    md.append("| mode | ").append(settings.smoke() ? "SMOKE (tiny sizes; figures mean nothing)" : "full")
        .append(" |\n\n");
  }

  private static void table(StringBuilder md, Section section) {
    md.append("### ").append(section.title()).append("\n\n");
    md.append("| figure | min | median | max | unit | target | |\n|---|---:|---:|---:|---|---|---|\n");
    for (Figure f : section.figures()) {
      md.append("| ").append(f.name()).append(" | ").append(Figure.format(f.min())).append(" | **")
          .append(Figure.format(f.median())).append("** | ").append(Figure.format(f.max())).append(" | ")
          .append(f.unit()).append(" | ").append(f.target().map(Target::toString).orElse("")).append(" | ")
          .append(f.met().map(m -> m ? "met" : "**missed**").orElse("")).append(" |\n");
    }
    md.append('\n');
    if (!section.note().isBlank()) {
      md.append(section.note().strip()).append("\n\n");
    }
  }

  /**
   * Keeps what lies outside the markers of an existing report; a report without them gets {@code heading} and the
   * figures at its end (a new one: only those).
   */
  private static String merge(Benchmarks.Settings settings, String begin, String end, String figures, String heading) {
    try {
      if (Files.exists(settings.out())) {
        String old = Files.readString(settings.out());
        int from = old.indexOf(begin);
        int to = old.indexOf(end);
        if (from >= 0 && to > from) {
          return old.substring(0, from) + figures + old.substring(to + end.length());
        }
        return old.stripTrailing() + "\n\n" + heading + figures + "\n";
      }
      return heading + figures + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
