package io.wschat.adapter.lambda;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the caller hears the answer to its request ({@code registrationSuccess}, {@code messageSent}, {@code error}).
 * A route response costs no Management API call; posting works on one-way routes too.
 */
public enum Acknowledgements {
  /** As the integration response's body, which API Gateway sends back on a two-way route. The default. */
  ROUTE_RESPONSE("route-response"),
  /** Posted to the caller's connection with PostToConnection, for APIs whose routes are one-way. */
  POST("post");

  private final String value;

  Acknowledgements(String value) {
    this.value = value;
  }

  /** The setting's spelling, e.g. {@code route-response}. */
  public String value() {
    return value;
  }

  public static Optional<Acknowledgements> of(String value) {
    String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(a -> a.value.equals(wanted)).findFirst();
  }

  public static String allowed() {
    return Arrays.stream(values()).map(Acknowledgements::value).collect(Collectors.joining(", "));
  }
}
