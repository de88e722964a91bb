package io.wschat.benchmarks.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One measured quantity: its samples (one per run, iteration or round), a unit, and what we aim for. A target is
 * a bound on the median: {@link Target#atLeast} or {@link Target#atMost}; a figure without one is context.
 */
public record Figure(String name, String unit, List<Double> samples, Optional<Target> target, String note) {

  public record Target(boolean atLeast, double bound) {
    public static Target atLeast(double bound) {
      return new Target(true, bound);
    }

    public static Target atMost(double bound) {
      return new Target(false, bound);
    }

    boolean met(double value) {
      return atLeast ? value >= bound : value <= bound;
    }

    @Override
    public String toString() {
      return (atLeast ? "≥ " : "≤ ") + Figure.format(bound);
    }
  }

  public Figure {
    Objects.requireNonNull(name, "name");
    samples = List.copyOf(samples);
    if (samples.isEmpty()) {
      throw new IllegalArgumentException(name + " has no samples");
    }
    note = note == null ? "" : note;
  }

  public static Figure of(String name, String unit, List<Double> samples) {
    return new Figure(name, unit, samples, Optional.empty(), "");
  }

  public Figure target(Target target) {
    return new Figure(name, unit, samples, Optional.of(target), note);
  }

  public Figure note(String text) {
    return new Figure(name, unit, samples, target, text);
  }

  public double min() {
    return sorted().get(0);
  }

  public double max() {
    return sorted().get(samples.size() - 1);
  }

  public double median() {
    List<Double> s = sorted();
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  /** Empty without a target; else whether the median meets it. */
  public Optional<Boolean> met() {
    return target.map(t -> t.met(median()));
  }

  private List<Double> sorted() {
    List<Double> s = new ArrayList<>(samples);
    Collections.sort(s);
    return s;
  }

  /** Three significant digits at most, no exponent: 0.0123, 1.23, 123, 12,345. */
  public static String format(double value) {
    double abs = Math.abs(value);
    if (abs >= 999.5) { // what rounds to 1,000 is written as 1,000, not 1000
      return String.format("%,.0f", value);
    }
    if (abs >= 100) {
      return String.format("%.0f", value);
    }
    if (abs >= 10) {
      return String.format("%.1f", value);
    }
    if (abs >= 1) {
      return String.format("%.2f", value);
    }
    return String.format("%.3g", value);
  }

  @Override
  public String toString() {
    return name + ": min " + format(min()) + ", median " + format(median()) + ", max " + format(max()) + " " + unit
        + target.map(t -> " (target " + t + (met().orElse(false) ? ", met)" : ", MISSED)")).orElse("");
  }
}
