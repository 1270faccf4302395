package dev.fanout;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The orchestrator's packages, one idea each, and the one direction of their dependencies. */
class ArchitectureTest {
  private static JavaClasses orchestrator;

  @BeforeAll
  static void importClasses() {
    orchestrator =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.fanout");
  }

  @Test
  void origin_dependsOnNothingElseInTheProjectButTheHttpLoop() {
    classes()
        .that()
        .resideInAPackage("dev.fanout.origin..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.fanout.origin..", "dev.fanout.httploop..", "java..", "javax..")
        .because("the origin stands alone, a server anyone can start")
        .check(orchestrator);
  }

  @Test
  void httpLoop_dependsOnNothingElseInTheProject() {
    classes()
        .that()
        .resideInAPackage("dev.fanout.httploop..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.fanout.httploop..", "java..")
        .because(
            "the HTTP loop is a plain HTTP/1.1 server that the origin and the local Lambda"
                + " service share, and knows neither")
        .check(orchestrator);
  }

  @Test
  void localLambdaService_dependsOnNothingElseInTheProject() {
    classes()
        .that()
        .resideInAPackage("dev.fanout.locallambda..")
        .should()
        .onlyDependOnClassesThat(
            JavaClass.Predicates.resideInAnyPackage(
                    "dev.fanout.locallambda..", "dev.fanout.httploop..")
                .or(
                    JavaClass.Predicates.resideOutsideOfPackages(
                        "dev.fanout..", "com.amazonaws..")))
        .because(
            "the local Lambda service stands alone (a server any Lambda client calls) on the"
                + " shared HTTP loop, and only its child JVMs run the Lambda runtime client")
        .check(orchestrator);
  }

  @Test
  void localDynamoDb_dependsOnNothingElseInTheProject() {
    classes()
        .that()
        .resideInAPackage("dev.fanout.localdynamo..")
        .should()
        .onlyDependOnClassesThat(
            JavaClass.Predicates.resideInAPackage("dev.fanout.localdynamo..")
                .or(
                    JavaClass.Predicates.resideOutsideOfPackages(
                        "dev.fanout..", "software.amazon..", "com.amazonaws..")))
        .because(
            "the local DynamoDB stands alone, a server any DynamoDB client calls; it speaks the"
                + " wire protocol, not the SDK")
        .check(orchestrator);
  }

  @Test
  void theChecker_readsRecordsAndLedgers_only() {
    classes()
        .that()
        .resideInAPackage("dev.fanout.check..")
        .should()
        .onlyDependOnClassesThat(
            JavaClass.Predicates.resideInAnyPackage(
                    "dev.fanout.check..", "dev.fanout.measure..", "dev.fanout.units.ledger..")
                .or(JavaClass.Predicates.resideOutsideOfPackage("dev.fanout..")))
        .because(
            "the checker judges what a run left behind; it cannot run, plan or report anything")
        .check(orchestrator);
  }

  @Test
  void strategies_knowNothingOfReportsOrTheCommandLine() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.fanout.strategy..", "dev.fanout.worker..", "dev.fanout.plan..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.fanout.report..",
            "dev.fanout.cli..",
            "dev.fanout.check..",
            "dev.fanout.localdynamo..")
        .because("results flow one way: strategies produce records, reports read them")
        .check(orchestrator);
  }

  @Test
  void measurements_dependOnNoStrategyReportOrCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("dev.fanout.measure..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.fanout.strategy..", "dev.fanout.report..", "dev.fanout.cli..", "dev.fanout.plan..")
        .check(orchestrator);
  }

  @Test
  void reports_readResultsOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.fanout.report..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.fanout.strategy..",
            "dev.fanout.cli..",
            "dev.fanout.worker..",
            "dev.fanout.localdynamo..")
        .check(orchestrator);
  }

  @Test
  void advice_readsMeasurementsOnly() {
    classes()
        .that()
        .resideInAPackage("dev.fanout.advice..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.fanout.advice..", "dev.fanout.measure..", "dev.fanout.units..", "java..")
        .because("the advisor judges measured runs; running them is the command line's job")
        .check(orchestrator);
  }

  @Test
  void htmlReport_isOnePackageThatOnlyTheCommandLineUses() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.fanout.report.html..", "dev.fanout.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.fanout.report.html..")
        .because("the page is drawn from results at the end; nothing that runs tasks draws it")
        .check(orchestrator);
  }

  @Test
  void orchestrator_neverDependsOnQuarkus() {
    noClasses()
        .that()
        .resideInAPackage("dev.fanout..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.quarkus..")
        .because("the orchestrator runs the plain units; Quarkus lives in the Lambda module only")
        .check(orchestrator);
  }
}
