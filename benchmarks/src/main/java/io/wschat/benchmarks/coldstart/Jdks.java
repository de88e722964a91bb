package io.wschat.benchmarks.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The JDKs on this machine, each measured by the cold-start benchmark: the one running the benchmark, JAVA_HOME,
 * and every JDK in the usual install folders (/usr/lib/jvm on Linux, /Library/Java/JavaVirtualMachines on macOS).
 * Links to the same JDK count once; a folder without bin/java or a {@code release} file is not a JDK.
 */
public final class Jdks {
  private static final List<Path> FOLDERS = List.of(Path.of("/usr/lib/jvm"), Path.of("/Library/Java/JavaVirtualMachines"));

  /** A JDK: its home, its {@code JAVA_RUNTIME_VERSION}, its feature release (17, 25) and who built it. */
  public record Jdk(Path home, String version, int feature, String implementor) {
    public String java() {
      return home.resolve("bin").resolve("java").toString();
    }

    public String describe() {
      return implementor + " " + version;
    }
  }

  private Jdks() {}

  public static List<Jdk> found() {
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of(System.getProperty("java.home")));
    Optional.ofNullable(System.getenv("JAVA_HOME")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
    for (Path folder : FOLDERS) {
      if (Files.isDirectory(folder)) {
        try (Stream<Path> entries = Files.list(folder)) {
          entries.sorted().forEach(entry -> {
            candidates.add(entry);
            candidates.add(entry.resolve("Contents/Home"));
          });
        } catch (IOException e) {
          // an unreadable folder holds no JDK we can run
        }
      }
    }
    Map<Path, Jdk> byRealHome = new LinkedHashMap<>();
    for (Path candidate : candidates) {
      of(candidate).ifPresent(jdk -> byRealHome.putIfAbsent(jdk.home(), jdk));
    }
    return byRealHome.values().stream().sorted(Comparator.comparingInt(Jdk::feature).thenComparing(Jdk::version))
        .toList();
  }

  static Optional<Jdk> of(Path home) {
    try {
      if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(home.resolve("release"))) {
        return Optional.empty();
      }
      Path real = home.toRealPath();
      Map<String, String> release = new LinkedHashMap<>();
      for (String line : Files.readAllLines(real.resolve("release"))) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          release.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
        }
      }
      String version = release.getOrDefault("JAVA_RUNTIME_VERSION", release.get("JAVA_VERSION"));
      if (version == null) {
        return Optional.empty();
      }
      String feature = version.split("[.+\\-]", 2)[0];
      return Optional.of(new Jdk(real, version, Integer.parseInt(feature),
          release.getOrDefault("IMPLEMENTOR", "unknown")));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
