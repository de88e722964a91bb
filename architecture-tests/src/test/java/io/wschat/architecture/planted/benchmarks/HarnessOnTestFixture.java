package io.wschat.architecture.planted.benchmarks;

import io.wschat.domain.fake.SimpleConnectionRegistry;

/** Plant: benchmarks' main code on a fake from chat-domain's test-jar. Fails the no-test-code rule. */
public final class HarnessOnTestFixture {
  public Object registry() {
    return new SimpleConnectionRegistry();
  }
}
