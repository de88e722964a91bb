package io.wschat.domain.fake;

import io.wschat.domain.contract.MessageLogContract;
import io.wschat.domain.port.MessageLog;
import java.time.Clock;
import java.time.Duration;

/** The fake other tests rely on keeps the same promises as the real logs. */
class SimpleMessageLogTest extends MessageLogContract {
  @Override
  protected MessageLog log(Clock clock, Duration retention) {
    return new SimpleMessageLog(clock, retention);
  }

  @Override
  protected double concurrencyScale() {
    return 0.3; // every call scans the whole list
  }
}
