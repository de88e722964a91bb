package io.wschat.bootstrap;

/** A setting that is missing or wrong. Thrown at init, naming the variable and what it may be. */
public final class ConfigurationException extends RuntimeException {
  public ConfigurationException(String message) {
    super(message);
  }
}
