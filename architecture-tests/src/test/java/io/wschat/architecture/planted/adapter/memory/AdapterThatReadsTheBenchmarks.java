package io.wschat.architecture.planted.adapter.memory;

import io.wschat.architecture.planted.benchmarks.HarnessOnTestFixture;

/** Plant: an adapter using the benchmarks. Fails the nothing-depends-on-benchmarks rule. */
public final class AdapterThatReadsTheBenchmarks {
  public Object harness() {
    return new HarnessOnTestFixture();
  }
}
