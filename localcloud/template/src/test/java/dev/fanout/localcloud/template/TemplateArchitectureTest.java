package dev.fanout.localcloud.template;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The template reader stands alone: the JDK and snakeyaml, nothing of the project. */
class TemplateArchitectureTest {

  @Test
  void theReader_dependsOnTheJdkAndSnakeyamlOnly() {
    JavaClasses reader =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.fanout.localcloud.template");

    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.fanout.localcloud.template..", "java..", "org.yaml.snakeyaml..")
        .because("every local cloud module and the function checks use it; it uses none of them")
        .check(reader);
  }
}
