package io.wschat.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import io.wschat.domain.port.ConnectionRegistry;
import redis.clients.jedis.RedisClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The module graph is the architecture; these rules keep it. Third-party packages are named from class literals,
 * so a typo fails to compile instead of making a rule match nothing.
 */
class ArchitectureTest {
  static final String DOMAIN = "io.wschat.domain..";
  static final String ADAPTERS = "io.wschat.adapter..";
  static final String BOOTSTRAP = "io.wschat.bootstrap..";
  static final String LAMBDA_EVENTS = APIGatewayV2WebSocketEvent.class.getPackageName() + "..";
  static final String JEDIS = RedisClient.class.getPackageName() + "..";
  static final String DYNAMODB = DynamoDbClient.class.getPackageName() + "..";
  static final String MANAGEMENT_API = ApiGatewayManagementApiClient.class.getPackageName() + "..";

  /**
   * Production classes only. Under {@code mvn verify} the domain's test-jar is on the classpath as a *-tests.jar;
   * the predefined option does not recognise it, and its fakes would then count as domain code.
   */
  static final ImportOption PRODUCTION_ONLY = new ImportOption() {
    final Pattern testJar = Pattern.compile(".*-tests\\.jar.*");

    @Override
    public boolean includes(Location location) {
      return new ImportOption.DoNotIncludeTests().includes(location) && !location.matches(testJar);
    }
  };

  static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(PRODUCTION_ONLY).importPackages("io.wschat");

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

  @Test
  void nothing_depends_on_bootstrap() {
    noClasses().that().resideOutsideOfPackage(BOOTSTRAP)
        .should().dependOnClassesThat().resideInAPackage(BOOTSTRAP)
        .check(CLASSES);
  }

  @Test
  void only_bootstrap_depends_on_adapters() {
    noClasses().that().resideOutsideOfPackages(BOOTSTRAP, ADAPTERS)
        .should().dependOnClassesThat().resideInAPackage(ADAPTERS)
        .check(CLASSES);
  }

  @Test
  void lambda_event_types_stay_in_the_lambda_adapter() {
    confined(LAMBDA_EVENTS, "io.wschat.adapter.lambda..");
  }

  @Test
  void jedis_types_stay_in_the_redis_adapter() {
    confined(JEDIS, "io.wschat.adapter.redis..");
  }

  @Test
  void dynamodb_types_stay_in_the_dynamodb_adapter() {
    confined(DYNAMODB, "io.wschat.adapter.dynamodb..");
  }

  @Test
  void management_api_types_stay_in_the_apigw_adapter() {
    confined(MANAGEMENT_API, "io.wschat.adapter.apigw..");
  }

  @Test
  void registry_implementations_are_named_for_their_port() {
    classes().that().implement(ConnectionRegistry.class)
        .should().haveSimpleNameEndingWith(ConnectionRegistry.class.getSimpleName())
        .check(CLASSES);
  }

  /** Only {@code owner} (and bootstrap, which builds clients) may use classes of {@code thirdParty}. */
  static void confined(String thirdParty, String owner) {
    noClasses().that().resideOutsideOfPackages(owner, BOOTSTRAP)
        .should().dependOnClassesThat().resideInAPackage(thirdParty)
        .check(CLASSES);
  }
}
