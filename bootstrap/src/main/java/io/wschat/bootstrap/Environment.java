package io.wschat.bootstrap;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one reader of environment variables (or a Map of them, for tests and the local runner), shared by the chat's
 * and the authorizer's configuration: a blank value counts as unset, and every refusal names the variable.
 */
public final class Environment {
  private final Map<String, String> variables;

  public Environment(Map<String, String> variables) {
    this.variables = Map.copyOf(Objects.requireNonNull(variables, "variables").entrySet().stream()
        .filter(e -> e.getKey() != null && e.getValue() != null)
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  public static Environment ofProcess() {
    return new Environment(System.getenv());
  }

  /** The value, or empty if the variable is unset or blank. */
  public Optional<String> get(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** The value, or a {@link ConfigurationException} saying it is not set and {@code why} it is needed. */
  public String required(String name, String why) {
    return get(name).orElseThrow(() -> new ConfigurationException(name + " is not set; " + why));
  }

  /** An http(s) URL with a host, or a refusal naming the variable and the expected form. */
  public Optional<URI> httpUrl(String name) {
    return get(name).map(raw -> {
      try {
        URI uri = URI.create(raw.strip());
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
          return uri;
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      throw new ConfigurationException(name + "='" + raw + "' is not a URL; expected http://host[:port][/path]"
          + " or https://host[:port][/path]");
    });
  }

  /**
   * An ISO-8601 duration such as {@code PT1H}, at least {@code min}; {@code fallback} when unset. A refusal names the
   * variable and the allowed form.
   */
  public Duration duration(String name, Duration fallback, Duration min) {
    Optional<String> raw = get(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    String value = raw.get().strip();
    String allowed = "an ISO-8601 duration of at least " + min + " such as PT1H (default " + fallback + ")";
    try {
      Duration duration = Duration.parse(value);
      if (duration.compareTo(min) < 0) {
        throw new ConfigurationException(name + "=" + value + " is too short; allowed: " + allowed);
      }
      return duration;
    } catch (DateTimeParseException e) {
      throw new ConfigurationException(name + "='" + value + "' is not a duration; allowed: " + allowed);
    }
  }
}
