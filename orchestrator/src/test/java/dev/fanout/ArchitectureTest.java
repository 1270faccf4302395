package dev.fanout;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The orchestrator's packages, one idea each, and the one direction of their dependencies. */
class ArchitectureTest {
  /** The strategies' kind: the one part of the strategy package that results may name. */
  private static final String STRATEGY_KIND = "dev.fanout.strategy.kind..";

  /** Everything of the strategies but their kind. */
  private static final DescribedPredicate<JavaClass> STRATEGY_IMPLEMENTATIONS =
      JavaClass.Predicates.resideInAPackage("dev.fanout.strategy..")
          .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(STRATEGY_KIND)))
          .as("strategy implementations (anything in dev.fanout.strategy but its kind)");

  /**
   * The commands that serve a piece of the local cloud alone: fanout origin, fanout lambda serve.
   */
  private static final String SERVING_COMMANDS =
      "dev\\.fanout\\.cli\\.(OriginCommand|LambdaCommand|LambdaInvokeCommand|ServedFunctions)(\\$.*)?";

  private static JavaClasses orchestrator;

  @BeforeAll
  static void importClasses() {
    orchestrator =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.fanout");
  }

  @Test
  void theLab_reachesTheLocalCloudOnlyFromTheEngine_andTheCommandsThatServeIt() {
    noClasses()
        .that()
        .resideInAPackage("dev.fanout..")
        .and()
        .resideOutsideOfPackages("dev.fanout.engine..", "dev.fanout.localcloud..")
        .and()
        .haveNameNotMatching(SERVING_COMMANDS)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.fanout.localcloud..")
        .because(
            "the lab talks to the local cloud as it talks to AWS, over HTTP; only the engine starts"
                + " its servers for a run, and 'fanout origin' and 'fanout lambda serve' and 'invoke'"
                + " serve them alone")
        .check(orchestrator);
  }

  @Test
  void theEngine_knowsNothingOfTheCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("dev.fanout.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.fanout.cli..")
        .because("the command line parses and prints; the engine runs, whoever asks")
        .check(orchestrator);
  }

  @Test
  void nothingButTheCommandLine_dependsOnTheEngine() {
    noClasses()
        .that()
        .resideInAPackage("dev.fanout..")
        .and()
        .resideOutsideOfPackages("dev.fanout.engine..", "dev.fanout.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.fanout.engine..")
        .because(
            "strategies, measurements and reports are what the engine uses; they never call it")
        .check(orchestrator);
  }

  @Test
  void theCommandLine_runsStrategiesOnlyThroughTheEngine() {
    noClasses()
        .that()
        .resideInAPackage("dev.fanout.cli..")
        .should()
        .dependOnClassesThat(STRATEGY_IMPLEMENTATIONS)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.fanout.worker..", "dev.fanout.cloud..")
        .because("commands name strategies by their kind; the engine builds and runs them")
        .check(orchestrator);
  }

  @Test
  void theStrategyKind_isAValueThatDependsOnNothingOfTheLab() {
    classes()
        .that()
        .resideInAPackage(STRATEGY_KIND)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(STRATEGY_KIND, "java..")
        .because(
            "results and reports name a run's kind; the kind must not bring its implementations"
                + " (or anything else) along")
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
                    "dev.fanout.check..",
                    "dev.fanout.measure..",
                    "dev.fanout.units.ledger..",
                    "dev.fanout.pipeline..",
                    "dev.fanout.strategy.kind..")
                .or(JavaClass.Predicates.resideOutsideOfPackage("dev.fanout..")))
        .because(
            "the checker judges what a run left behind; it cannot run, plan or report anything")
        .check(orchestrator);
  }

  @Test
  void pipelines_knowNothingOfHowTheyAreRunOrReported() {
    classes()
        .that()
        .resideInAPackage("dev.fanout.pipeline..")
        .should()
        .onlyDependOnClassesThat(
            JavaClass.Predicates.resideInAnyPackage(
                    "dev.fanout.pipeline..",
                    "dev.fanout.strategy.kind..",
                    "dev.fanout.units..",
                    "dev.fanout.api..",
                    "dev.fanout.measure..",
                    "dev.fanout.cloud..")
                .or(JavaClass.Predicates.resideOutsideOfPackage("dev.fanout..")))
        .because(
            "a pipeline's stages take their lanes and kitchens as given (threads, a loop, worker"
                + " JVMs, Lambda through the lab's invoker) and leave records; the engine picks the"
                + " lanes, reports read the records")
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
            "dev.fanout.report..", "dev.fanout.cli..", "dev.fanout.check..", "dev.fanout.engine..")
        .because("results flow one way: strategies produce records, reports read them")
        .check(orchestrator);
  }

  @Test
  void measurements_dependOnNoStrategyReportOrCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("dev.fanout.measure..")
        .should()
        .dependOnClassesThat(STRATEGY_IMPLEMENTATIONS)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.fanout.report..", "dev.fanout.cli..", "dev.fanout.plan..", "dev.fanout.engine..")
        .because("a result names its strategy's kind, a value, and nothing of how it ran")
        .check(orchestrator);
  }

  @Test
  void reports_readResultsOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.fanout.report..")
        .should()
        .dependOnClassesThat(STRATEGY_IMPLEMENTATIONS)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.fanout.cli..", "dev.fanout.worker..", "dev.fanout.engine..")
        .because("a report reads results, which name their strategy's kind and nothing more")
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
            "dev.fanout.advice..",
            "dev.fanout.measure..",
            STRATEGY_KIND,
            "dev.fanout.units..",
            "dev.fanout.api..",
            "java..")
        .because("the advisor judges measured runs; running them is the command line's job")
        .check(orchestrator);
  }

  @Test
  void theForecast_isAModelOfMeasurements_thatRunsNothing() {
    classes()
        .that()
        .resideInAPackage("dev.fanout.forecast..")
        .should()
        .onlyDependOnClassesThat(
            JavaClass.Predicates.resideInAnyPackage(
                    "dev.fanout.forecast..", "com.fasterxml.jackson..", "java..")
                .or(JavaClass.Predicates.equivalentTo(dev.fanout.cloud.Pricing.class)))
        .because(
            "a forecast reads a report's measurements and AWS's figures and predicts; running,"
                + " invoking and printing are other packages' jobs")
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
