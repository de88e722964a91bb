package io.wschat.localchat;

import io.wschat.bootstrap.ChatConfig;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration as people write it on a command line, {@code 30s}, {@code 10m}, {@code 2h}, {@code 30d}, or ISO-8601
 * ({@code PT10M}, {@code P30D}): the one syntax of every duration option. More than zero, and at most
 * {@value #MAX_DAYS} days: a longer one means nothing on one machine, and a far longer one overflows the
 * millisecond clocks that enforce it.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  static final String SYNTAX = "30s, 10m, 2h, 30d or ISO-8601 such as PT10M";
  static final long MAX_DAYS = 3650;

  private static final Pattern SHORT = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

  @Override
  public Duration convert(String value) {
    Duration duration = parse(value, "");
    if (duration.isNegative() || duration.isZero()) {
      throw new TypeConversionException("'" + value + "' is not more than 0");
    }
    return duration;
  }

  /** {@code orElse} follows the syntax in an error, for an option that takes something besides a duration. */
  private static Duration parse(String value, String orElse) {
    Duration duration = read(value).orElseThrow(() -> new TypeConversionException("'" + value
        + "' is not a duration; write " + SYNTAX + orElse));
    if (duration.compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
      throw new TypeConversionException("'" + value + "' is longer than " + MAX_DAYS + "d");
    }
    return duration;
  }

  private static Optional<Duration> read(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    Matcher shortForm = SHORT.matcher(text);
    try {
      if (shortForm.matches()) {
        long amount = Long.parseLong(shortForm.group(1));
        return Optional.of(switch (shortForm.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        });
      }
      return Optional.of(Duration.parse(text.toUpperCase(Locale.ROOT)));
    } catch (DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** As a user writes it, in the largest unit that divides it: {@code 30d}, {@code 2h}, {@code 90m}, {@code 1500ms}. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    record Unit(String suffix, long millis) {}
    for (Unit unit : new Unit[] {new Unit("d", 86_400_000), new Unit("h", 3_600_000), new Unit("m", 60_000),
        new Unit("s", 1_000)}) {
      if (millis % unit.millis() == 0) {
        return millis / unit.millis() + unit.suffix();
      }
    }
    return millis + "ms";
  }

  /**
   * {@code --retention}: a duration of at least {@link ChatConfig#MINIMUM_RETENTION}, or {@code none} to keep no
   * messages, converted to what the handler reads from {@link ChatConfig#MESSAGE_RETENTION}: ISO-8601, or
   * {@code none}. That variable's contract is Lambda's and stays as it is; only the flag is written as people write.
   */
  static final class Retention implements ITypeConverter<String> {
    static final String NONE = "none";

    @Override
    public String convert(String value) {
      if (value.strip().equalsIgnoreCase(NONE)) {
        return NONE;
      }
      Duration retention = parse(value, ", or none to keep no messages");
      if (retention.compareTo(ChatConfig.MINIMUM_RETENTION) < 0) {
        throw new TypeConversionException("'" + value + "' is shorter than "
            + DurationConverter.format(ChatConfig.MINIMUM_RETENTION)
            + "; write a longer one, or none to keep no messages");
      }
      return retention.toString();
    }

    /** The value as the help shows it: {@code 30d}, or {@code none}. */
    static String shown(String variable) {
      return variable.equalsIgnoreCase(NONE) ? NONE : DurationConverter.format(Duration.parse(variable));
    }
  }
}
