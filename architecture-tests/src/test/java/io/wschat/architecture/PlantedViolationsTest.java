package io.wschat.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.wschat.architecture.planted.adapter.memory.AdapterThatReadsTheBenchmarks;
import io.wschat.architecture.planted.adapter.lambda.HandlerOnEventPojos;
import io.wschat.architecture.planted.adapter.redis.AdapterThatRecordsMetrics;
import io.wschat.architecture.planted.adapter.redis.AdapterThatStartsRedis;
import io.wschat.architecture.planted.domain.UseCaseThatRecordsMetrics;
import io.wschat.architecture.planted.metrics.MetricsThatKnowAnAdapter;
import io.wschat.architecture.planted.benchmarks.HarnessOnTestFixture;
import io.wschat.architecture.planted.bootstrap.BootstrapThatStartsTheLocalChat;
import io.wschat.architecture.planted.engines.EngineThatKnowsTheRegistry;
import io.wschat.architecture.planted.localchat.RunnerOnGatewayInternals;
import io.wschat.architecture.planted.localgateway.EmulatorThatKnowsTheChat;
import io.wschat.localgateway.internal.Ids;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rule that cannot fail checks nothing. Each rule of {@link ModuleRules}, written for the planted package
 * instead of {@code io.wschat}, must report the violation planted for it there. {@link ArchitectureTest} applies
 * the same rules to the real code, which must pass.
 */
class PlantedViolationsTest {
  static final String PLANTED = EmulatorThatKnowsTheChat.class.getPackageName().replaceFirst("\\.localgateway$", "");
  static final JavaClasses PLANTS = new ClassFileImporter().importPackages(PLANTED);
  static final ModuleRules RULES = new ModuleRules(PLANTED, Set.of());

  static Stream<Arguments> rules_and_their_plants() {
    return Stream.of(
        Arguments.of(RULES.emulatorKnowsNothingOfWschat(), EmulatorThatKnowsTheChat.class),
        Arguments.of(RULES.enginesKnowNothingOfWschat(), EngineThatKnowsTheRegistry.class),
        Arguments.of(RULES.internalsStayInTheirModule(), RunnerOnGatewayInternals.class),
        Arguments.of(RULES.benchmarksUseNoTestCode(), HarnessOnTestFixture.class),
        Arguments.of(RULES.nothingDependsOnLocalChat(), BootstrapThatStartsTheLocalChat.class),
        Arguments.of(RULES.nothingDependsOnBenchmarks(), AdapterThatReadsTheBenchmarks.class),
        Arguments.of(RULES.localChatSitsOnTopOfGatewayAndBootstrap(), BootstrapThatStartsTheLocalChat.class),
        Arguments.of(RULES.deployedCodeStartsNoLocalEngine(), AdapterThatStartsRedis.class),
        Arguments.of(RULES.noChatCodeUsesTheRuntimesEventClasses(), HandlerOnEventPojos.class),
        Arguments.of(RULES.metricsPortDependsOnlyOnTheDomain(), MetricsThatKnowAnAdapter.class),
        Arguments.of(RULES.onlyTheEdgesRecordMetrics(), AdapterThatRecordsMetrics.class),
        Arguments.of(RULES.onlyTheEdgesRecordMetrics(), UseCaseThatRecordsMetrics.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules_and_their_plants")
  void each_rule_reports_its_plant(ArchRule rule, Class<?> plant) {
    EvaluationResult result = rule.evaluate(PLANTS);

    assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
    assertThat(result.getFailureReport().getDetails()).as(rule.getDescription())
        .anyMatch(line -> line.contains(plant.getName()));
  }

  /** The exception the real rules grant (see ArchitectureTest.MODULES) lets through the crossing it names, only. */
  @Test
  void an_allowed_crossing_is_let_through_and_nothing_else() {
    String internals = Ids.class.getPackageName();
    ModuleRules allowingThePlant =
        new ModuleRules(PLANTED, Set.of(RunnerOnGatewayInternals.class.getName() + " -> " + internals));
    ModuleRules allowingAnother =
        new ModuleRules(PLANTED, Set.of(HarnessOnTestFixture.class.getName() + " -> " + internals));

    assertThat(allowingThePlant.internalsStayInTheirModule().evaluate(PLANTS).hasViolation()).isFalse();
    assertThat(allowingAnother.internalsStayInTheirModule().evaluate(PLANTS).hasViolation()).isTrue();
  }
}
