package io.wschat.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on, read from the JVM and /proc. */
public record Machine(int cores, String memory, String cpu, String jdk, String os) {

  public static Machine here() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        totalMemory(),
        procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
  }

  /** The 1-, 5- and 15-minute load averages, as /proc/loadavg has them. */
  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " / " + parts[1] + " / " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String totalMemory() {
    return procLine("/proc/meminfo", "MemTotal")
        .map(v -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(v.replaceAll("[^0-9]", "")) / 1048576.0))
        .orElse("unknown");
  }

  private static java.util.Optional<String> procLine(String file, String key) {
    try {
      List<String> lines = Files.readAllLines(Path.of(file));
      return lines.stream().filter(l -> l.startsWith(key)).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim());
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }
}
