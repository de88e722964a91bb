package io.wschat.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.net.URL;
import java.security.CodeSource;
import java.util.Set;

/**
 * The rules about how the modules meet, written for a root package: {@code io.wschat} for the real code, and the
 * planted package for the violations {@link PlantedViolationsTest} shows each rule catches. {@code allowed} names
 * dependencies a rule knowingly lets through, as "origin class name -> target package".
 */
final class ModuleRules {
  static final String INTERNAL = ".internal";

  private final String root;
  private final Set<String> allowed;

  ModuleRules(String root, Set<String> allowed) {
    this.root = root;
    this.allowed = Set.copyOf(allowed);
  }

  private String module(String name) {
    return root + "." + name + "..";
  }

  /** The emulator knows API Gateway, not chat: nothing of ours outside its own packages. */
  ArchRule emulatorKnowsNothingOfWschat() {
    return knowsNothingOfWschat("localgateway", "the emulator");
  }

  /** local-engines starts DynamoDB Local and redis-server for anyone: nothing of ours outside its own packages. */
  ArchRule enginesKnowNothingOfWschat() {
    return knowsNothingOfWschat("engines", "local-engines");
  }

  private ArchRule knowsNothingOfWschat(String name, String what) {
    return noClasses().that().resideInAPackage(module(name))
        .should().dependOnClassesThat(DescribedPredicate.and(
            JavaClass.Predicates.resideInAPackage("io.wschat.."),
            JavaClass.Predicates.resideOutsideOfPackage(module(name))))
        .as(what + " (" + module(name) + ") depends on no io.wschat package outside its own");
  }

  /** An {@code .internal} package is used only by classes under the package that holds it: its module's root. */
  ArchRule internalsStayInTheirModule() {
    return classes().that().resideInAPackage(root + "..")
        .should(new ArchCondition<JavaClass>("use no other module's .internal package") {
          @Override
          public void check(JavaClass origin, ConditionEvents events) {
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
              String target = dependency.getTargetClass().getBaseComponentType().getPackageName();
              int internal = (target + ".").indexOf(INTERNAL + ".");
              if (internal < 0 || !target.startsWith("io.wschat.")) {
                continue;
              }
              String owner = target.substring(0, internal);
              String from = origin.getPackageName();
              boolean inside = from.equals(owner) || from.startsWith(owner + ".");
              if (!inside && !allowed.contains(origin.getName() + " -> " + target)) {
                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                    + ", an internal of " + owner));
              }
            }
          }
        });
  }

  /** The harness is main code, shipped in wschat-benchmarks.jar: no class of a test-jar or test-classes. */
  ArchRule benchmarksUseNoTestCode() {
    return noClasses().that().resideInAPackage(module("benchmarks"))
        .should().dependOnClassesThat(TEST_CODE)
        .as("benchmarks' main code uses no class from a test-jar or test-classes folder");
  }

  ArchRule nothingDependsOnLocalChat() {
    return noClasses().that().resideOutsideOfPackages(module("localchat"), module("benchmarks"))
        .should().dependOnClassesThat().resideInAPackage(module("localchat"))
        .as("only benchmarks (which load-tests it) depends on local-chat");
  }

  ArchRule nothingDependsOnBenchmarks() {
    return noClasses().that().resideOutsideOfPackage(module("benchmarks"))
        .should().dependOnClassesThat().resideInAPackage(module("benchmarks"))
        .as("nothing depends on benchmarks");
  }

  /** local-chat runs our handler on the emulator: it may reach bootstrap and the emulator, never the other way. */
  ArchRule localChatSitsOnTopOfGatewayAndBootstrap() {
    return noClasses().that().resideInAnyPackage(module("localgateway"), module("bootstrap"))
        .should().dependOnClassesThat().resideInAPackage(module("localchat"))
        .as("local-gateway and bootstrap do not know local-chat, which sits on top of them");
  }

  /** Local engines (DynamoDB Local, redis-server) are for tests and local runs, never for the deployed code. */
  ArchRule deployedCodeStartsNoLocalEngine() {
    return noClasses().that().resideInAnyPackage(module("domain"), module("adapter"), module("bootstrap"),
            module("localgateway"))
        .should().dependOnClassesThat().resideInAPackage(module("engines"))
        .as("the domain, the adapters, bootstrap and the emulator start no local engine");
  }

  /**
   * The chat reads API Gateway's event JSON itself (adapter-lambda's WebSocketEventJson): the runtime's event POJOs,
   * and the joda-time they drag into the Lambda jar, are for tests only. Benchmarks may name them in tests' stead.
   */
  ArchRule noChatCodeUsesTheRuntimesEventClasses() {
    return noClasses().that().resideInAnyPackage(module("domain"), module("adapter"), module("bootstrap"),
            module("localgateway"), module("localchat"))
        .should().dependOnClassesThat().resideInAPackage(
            com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.class.getPackageName() + "..")
        .as("no chat code uses the Lambda runtime's event classes");
  }

  /**
   * The metrics port (the metric names, the port, the decorators of the store ports) is as plain as the domain it
   * decorates: the EMF and Prometheus writers are adapters of it, in their own modules.
   */
  ArchRule metricsPortDependsOnlyOnTheDomain() {
    return classes().that().resideInAPackage(module("metrics"))
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", module("domain"), module("metrics"))
        .as("the metrics port (" + module("metrics") + ") depends only on java and the domain");
  }

  /**
   * Metrics are derived at the edges, from results and outcomes: the inbound adapter, its EMF writer, the
   * composition root (which decorates the ports) and the local runner. Use cases and the store and Management API
   * adapters record nothing themselves.
   */
  ArchRule onlyTheEdgesRecordMetrics() {
    return noClasses().that().resideOutsideOfPackages(module("metrics"), module("adapter.lambda"),
            module("adapter.emf"), module("bootstrap"), module("localchat"), module("benchmarks"))
        .should().dependOnClassesThat().resideInAPackage(module("metrics"))
        .as("only the inbound adapter, the EMF writer, bootstrap and the local runner record metrics");
  }

  /**
   * Where the class was loaded from, in this JVM: under {@code mvn verify} a test-jar is a {@code *-tests.jar};
   * under {@code mvn test} the reactor hands out the {@code target/test-classes} folder itself.
   */
  static final DescribedPredicate<JavaClass> TEST_CODE =
      new DescribedPredicate<>("come from a test-jar or test-classes folder") {
        @Override
        public boolean test(JavaClass type) {
          JavaClass base = type.getBaseComponentType();
          if (base.isPrimitive()) {
            return false;
          }
          try {
            Class<?> loaded = Class.forName(base.getName(), false, ModuleRules.class.getClassLoader());
            CodeSource source = loaded.getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            String path = location == null ? "" : location.getPath();
            return path.endsWith("-tests.jar") || path.endsWith("/test-classes/") || path.endsWith("/test-classes");
          } catch (ClassNotFoundException | LinkageError e) {
            return false;
          }
        }
      };
}
