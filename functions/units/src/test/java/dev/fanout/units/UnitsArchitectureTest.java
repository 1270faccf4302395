package dev.fanout.units;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The units are plain Java behind ports: no frameworks, no cloud SDKs, no orchestrator. */
class UnitsArchitectureTest {
  /**
   * Adapters to AWS services live in their own packages at the edge, and only they use the SDK,
   * with the one rule for where their clients go and how they sign.
   */
  private static final String[] AWS_ADAPTERS = {
    "dev.fanout.units.store.s3..", "dev.fanout.units.ledger.dynamodb..", "dev.fanout.units.aws.."
  };

  private static JavaClasses units;

  @BeforeAll
  static void importUnits() {
    // A dependency is judged by its target's package name, so the targets need not be imported
    // themselves; resolving them from the classpath would import Jackson, jsoup and the JDK.
    ArchConfiguration config = ArchConfiguration.get();
    boolean resolve = config.resolveMissingDependenciesFromClassPath();
    config.setResolveMissingDependenciesFromClassPath(false);
    try {
      units =
          new ClassFileImporter()
              .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
              .importPackages("dev.fanout.units");
    } finally {
      config.setResolveMissingDependenciesFromClassPath(resolve);
    }
  }

  @Test
  void importSeesTheUnits() {
    assertThat(units.contain(UnitCatalog.class)).isTrue();
    assertThat(units.contain(dev.fanout.units.http.ApacheHttpFetcher.class)).isTrue();
    assertThat(units.contain(dev.fanout.units.store.DirectoryObjectStore.class)).isTrue();
    assertThat(units.contain(UnitsArchitectureTest.class)).isFalse();
  }

  @Test
  void rulesSeeDependenciesWithoutImportingTheirTargets() {
    ArchRule noJackson =
        noClasses()
            .that()
            .resideInAPackage("dev.fanout.units..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.fasterxml.jackson..");

    assertThatThrownBy(() -> noJackson.check(units))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("dev.fanout.units.FibUnit");
  }

  @Test
  void units_dependOnNoFrameworkOrCloudSdk() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.fanout.units..")
            .and(not(resideInAnyPackage(AWS_ADAPTERS)))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.quarkus..", "picocli..", "software.amazon..", "com.amazonaws..")
            .because(
                "the units run unchanged in every strategy and in Lambda; adapters sit at the"
                    + " edge");

    rule.check(units);
  }

  @Test
  void awsAdapters_dependOnNoFrameworkNorTheOldSdk() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(AWS_ADAPTERS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.quarkus..", "picocli..", "com.amazonaws..")
            .allowEmptyShould(true);

    rule.check(units);
  }

  @Test
  void onlyTheFetcher_speaksToTheHttpClientLibrary() {
    ArchRule rule =
        noClasses()
            .that()
            .resideOutsideOfPackage("dev.fanout.units.http..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.hc..", "java.net.http..")
            .because("the units reach the web through the HttpFetcher port alone");

    rule.check(units);
  }

  @Test
  void units_dependOnNoOtherFanoutPackage_butTheApi() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.fanout.units..")
            .should()
            .dependOnClassesThat(
                resideInAPackage("dev.fanout..")
                    .and(not(resideInAnyPackage("dev.fanout.units..", "dev.fanout.api.."))))
            .because(
                "the orchestrator and the handlers depend on the units, never the reverse; the"
                    + " units and units of your own share the API");

    rule.check(units);
  }
}
