package io.wschat.bootstrap;

import io.wschat.adapter.lambda.EventLog;
import java.util.Locale;

/**
 * Makes LOG_LEVEL govern the libraries' lines too (the AWS SDK, Jedis, aws-embedded-metrics, through the Lambda
 * jar's slf4j-simple), not only EventLog's: slf4j-simple reads this system property when its first logger is made,
 * which is after init has read the configuration. Only inside Lambda, where the jar's simplelogger.properties
 * applies; a {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} given on the command line
 * (JAVA_TOOL_OPTIONS) wins, as in the local runner.
 */
final class LibraryLogging {
  static final String PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

  private LibraryLogging() {}

  static void follow(EventLog.Level level, boolean insideLambda) {
    if (insideLambda && System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, level.name().toLowerCase(Locale.ROOT));
    }
  }
}
