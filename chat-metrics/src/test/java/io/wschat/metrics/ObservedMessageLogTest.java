package io.wschat.metrics;

import io.wschat.domain.contract.MessageLogContract;
import io.wschat.domain.fake.SimpleMessageLog;
import io.wschat.domain.port.MessageLog;
import java.time.Clock;
import java.time.Duration;

/** A metered message log keeps every promise of the log it measures. */
class ObservedMessageLogTest extends MessageLogContract {
  @Override
  protected MessageLog log(Clock clock, Duration retention) {
    return ObservedMessageLog.of(new SimpleMessageLog(clock, retention), StoreCalls.metered(new RecordingMetrics(), "memory"));
  }

  @Override
  protected double concurrencyScale() {
    return 0.3; // as SimpleMessageLogTest: every call scans the whole list
  }
}
