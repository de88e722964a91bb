package io.wschat.adapter.memory;

import io.wschat.domain.contract.MessageLogContract;
import io.wschat.domain.port.MessageLog;
import java.time.Clock;
import java.time.Duration;

class InMemoryMessageLogTest extends MessageLogContract {
  @Override
  protected MessageLog log(Clock clock, Duration retention) {
    return new InMemoryMessageLog(clock, retention);
  }
}
