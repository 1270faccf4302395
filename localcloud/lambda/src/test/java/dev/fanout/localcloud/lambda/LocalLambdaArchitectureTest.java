package dev.fanout.localcloud.lambda;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local Lambda service: a decision core with no I/O, and a shell around it. */
class LocalLambdaArchitectureTest {
  private static JavaClasses service;

  @BeforeAll
  static void importClasses() {
    service =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.fanout.localcloud.lambda");
  }

  @Test
  void thePoolsCore_dependsOnTheJdkAlone_andNeverOnThreadsFilesOrSockets() {
    classes()
        .that()
        .resideInAPackage("dev.fanout.localcloud.lambda.pool..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.fanout.localcloud.lambda.pool..", "java.lang..", "java.util", "java.time..")
        .because(
            "the pool decides and the shell acts: its decisions are tested with a made-up clock"
                + " and no process")
        .check(service);
  }

  @Test
  void thePoolsCore_neverReadsTheClock() {
    noClasses()
        .that()
        .resideInAPackage("dev.fanout.localcloud.lambda.pool..")
        .should()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .because("time comes with each event")
        .check(service);
  }

  @Test
  void theLocalLambdaService_knowsNothingOfTheLabOrTheOtherServers() {
    noClasses()
        .that()
        .resideInAPackage("dev.fanout.localcloud.lambda..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.fanout.cli..",
            "dev.fanout.engine..",
            "dev.fanout.strategy..",
            "dev.fanout.report..",
            "dev.fanout.units..",
            "dev.fanout.localcloud.origin..",
            "dev.fanout.localcloud.dynamodb..",
            "com.amazonaws..")
        .because(
            "it is a server any Lambda client calls; only its child JVMs run the Lambda runtime"
                + " client")
        .check(service);
  }
}
