package io.wschat.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import io.wschat.adapter.redis.internal.Scripts;
import io.wschat.benchmarks.jmh.RedisReference;
import io.wschat.domain.port.ConnectionRegistry;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.RateLimiter;
import io.wschat.metrics.Metrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import redis.clients.jedis.RedisClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module graph is the architecture; these rules keep it, over every module: this module depends on all of
 * them, so no rule can pass for want of the classes it is about. Third-party packages are named from class
 * literals, so a typo fails to compile instead of making a rule match nothing. The rules about how the modules
 * meet are in {@link ModuleRules}, and {@link PlantedViolationsTest} shows that each of them can fail.
 */
class ArchitectureTest {
  static final String DOMAIN = "io.wschat.domain..";
  static final String ADAPTERS = "io.wschat.adapter..";
  static final String BOOTSTRAP = "io.wschat.bootstrap..";
  static final String LOCAL_CHAT = "io.wschat.localchat..";
  static final String BENCHMARKS = "io.wschat.benchmarks..";
  static final String JEDIS = RedisClient.class.getPackageName() + "..";
  static final String DYNAMODB = DynamoDbClient.class.getPackageName() + "..";
  static final String MANAGEMENT_API = ApiGatewayManagementApiClient.class.getPackageName() + "..";
  static final String SECRETS_MANAGER = SecretsManagerClient.class.getPackageName() + "..";
  static final String EMF = MetricsLogger.class.getPackageName().replaceFirst("\\.logger$", "") + "..";
  static final String PROMETHEUS = PrometheusRegistry.class.getPackageName().replaceFirst("\\.model\\.registry$", "")
      + "..";

  /**
   * Production classes only. Under {@code mvn verify} the domain's test-jar is on the classpath as a *-tests.jar;
   * the predefined option does not recognise it, and its fakes would then count as domain code. The planted
   * violations are test classes of this module, so they are never imported here.
   */
  static final ImportOption PRODUCTION_ONLY = new ImportOption() {
    final Pattern testJar = Pattern.compile(".*-tests\\.jar.*");

    @Override
    public boolean includes(Location location) {
      return new ImportOption.DoNotIncludeTests().includes(location) && !location.matches(testJar);
    }
  };

  static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(PRODUCTION_ONLY).importPackages("io.wschat");

  /**
   * The one known crossing of an .internal package: the Redis reference benchmark sends the adapter's own Lua
   * scripts to redis-benchmark, so that both measure the same server-side work.
   */
  static final ModuleRules MODULES = new ModuleRules("io.wschat",
      Set.of(RedisReference.class.getName() + " -> " + Scripts.class.getPackageName()));

  @Test
  void the_domain_depends_only_on_java() {
    classes().that().resideInAPackage(DOMAIN)
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN)
        .check(CLASSES);
  }

  @Test
  void adapters_never_depend_on_each_other() {
    slices().matching("io.wschat.adapter.(*)..").should().notDependOnEachOther().check(CLASSES);
  }

  /** Besides the local chat and the benchmarks, which run our handler as bootstrap wires it. */
  @Test
  void nothing_depends_on_bootstrap() {
    noClasses().that().resideOutsideOfPackages(BOOTSTRAP, LOCAL_CHAT, BENCHMARKS)
        .should().dependOnClassesThat().resideInAPackage(BOOTSTRAP)
        .check(CLASSES);
  }

  @Test
  void only_bootstrap_depends_on_adapters() {
    noClasses().that().resideOutsideOfPackages(BOOTSTRAP, ADAPTERS, LOCAL_CHAT, BENCHMARKS)
        .should().dependOnClassesThat().resideInAPackage(ADAPTERS)
        .check(CLASSES);
  }

  @Test
  void the_emulator_knows_nothing_of_wschat() {
    MODULES.emulatorKnowsNothingOfWschat().check(CLASSES);
  }

  @Test
  void local_engines_know_nothing_of_wschat() {
    MODULES.enginesKnowNothingOfWschat().check(CLASSES);
  }

  @Test
  void internal_packages_are_used_only_inside_their_module() {
    MODULES.internalsStayInTheirModule().check(CLASSES);
  }

  @Test
  void benchmarks_main_code_uses_no_test_code() {
    MODULES.benchmarksUseNoTestCode().check(CLASSES);
  }

  @Test
  void nothing_depends_on_local_chat() {
    MODULES.nothingDependsOnLocalChat().check(CLASSES);
  }

  @Test
  void nothing_depends_on_benchmarks() {
    MODULES.nothingDependsOnBenchmarks().check(CLASSES);
  }

  @Test
  void local_chat_sits_on_top_of_the_gateway_and_bootstrap() {
    MODULES.localChatSitsOnTopOfGatewayAndBootstrap().check(CLASSES);
  }

  @Test
  void deployed_code_starts_no_local_engine() {
    MODULES.deployedCodeStartsNoLocalEngine().check(CLASSES);
  }

  @Test
  void no_chat_code_uses_the_runtimes_event_classes() {
    MODULES.noChatCodeUsesTheRuntimesEventClasses().check(CLASSES);
  }

  @Test
  void jedis_types_stay_in_the_redis_adapter() {
    confined(JEDIS, "io.wschat.adapter.redis..");
  }

  /** local-chat creates its local table with the adapter's own ConnectionsTable, on a client of the SDK's. */
  @Test
  void dynamodb_types_stay_in_the_dynamodb_adapter() {
    confined(DYNAMODB, "io.wschat.adapter.dynamodb..", LOCAL_CHAT);
  }

  @Test
  void management_api_types_stay_in_the_apigw_adapter() {
    confined(MANAGEMENT_API, "io.wschat.adapter.apigw..");
  }

  /** Secrets are configuration: read once at init by the composition root, never by an adapter or the domain. */
  @Test
  void secrets_manager_types_stay_in_bootstrap() {
    confined(SECRETS_MANAGER, BOOTSTRAP);
  }

  @Test
  void the_metrics_port_depends_only_on_the_domain() {
    MODULES.metricsPortDependsOnlyOnTheDomain().check(CLASSES);
  }

  @Test
  void only_the_edges_record_metrics() {
    MODULES.onlyTheEdgesRecordMetrics().check(CLASSES);
  }

  @Test
  void emf_types_stay_in_the_emf_adapter() {
    confined(EMF, "io.wschat.adapter.emf..");
  }

  /** The Prometheus registry and its text format are the local runner's way to show the metrics, never the jar's. */
  @Test
  void prometheus_types_stay_in_the_local_runner() {
    noClasses().that().resideOutsideOfPackage(LOCAL_CHAT)
        .should().dependOnClassesThat().resideInAPackage(PROMETHEUS)
        .check(CLASSES);
  }

  @Test
  void metrics_implementations_are_named_for_their_port() {
    classes().that().implement(Metrics.class).and().areNotAnonymousClasses()
        .should().haveSimpleNameEndingWith(Metrics.class.getSimpleName())
        .check(CLASSES);
  }

  @Test
  void registry_implementations_are_named_for_their_port() {
    classes().that().implement(ConnectionRegistry.class)
        .should().haveSimpleNameEndingWith(ConnectionRegistry.class.getSimpleName())
        .check(CLASSES);
  }

  @Test
  void message_log_implementations_are_named_for_their_port() {
    classes().that().implement(MessageLog.class)
        .should().haveSimpleNameEndingWith(MessageLog.class.getSimpleName())
        .check(CLASSES);
  }

  @Test
  void rate_limiter_implementations_are_named_for_their_port() {
    classes().that().implement(RateLimiter.class)
        .should().haveSimpleNameEndingWith(RateLimiter.class.getSimpleName())
        .check(CLASSES);
  }

  /**
   * Only {@code owner}, bootstrap (which builds clients) and the benchmarks (which measure the adapters from
   * outside, as their tests do) may use classes of {@code thirdParty}; {@code alsoAllowed} as said at the rule.
   */
  static void confined(String thirdParty, String owner, String... alsoAllowed) {
    String[] allowed = Stream.concat(Stream.of(owner, BOOTSTRAP, BENCHMARKS), Stream.of(alsoAllowed))
        .toArray(String[]::new);
    noClasses().that().resideOutsideOfPackages(allowed)
        .should().dependOnClassesThat().resideInAPackage(thirdParty)
        .check(CLASSES);
  }
}
