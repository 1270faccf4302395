package dev.fanout.origin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class OriginArchitectureTest {

  @Test
  void origin_dependsOnlyOnItselfAndTheJdk() {
    JavaClasses origin;
    ArchConfiguration configuration = ArchConfiguration.get();
    boolean resolving = configuration.resolveMissingDependenciesFromClassPath();
    // Package names are all this rule reads: skip loading the whole JDK to resolve them (seconds).
    configuration.setResolveMissingDependenciesFromClassPath(false);
    try {
      origin =
          new ClassFileImporter()
              .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
              .importPackages("dev.fanout.origin");
    } finally {
      configuration.setResolveMissingDependenciesFromClassPath(resolving);
    }

    classes()
        .that()
        .resideInAPackage("dev.fanout.origin..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.fanout.origin..", "java..", "javax..", "com.sun.net.httpserver..")
        .because("the origin stands alone: it depends on nothing else in the project")
        .check(origin);
  }
}
