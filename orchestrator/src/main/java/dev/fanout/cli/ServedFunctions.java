package dev.fanout.cli;

import dev.fanout.engine.OwnFunctions;
import dev.fanout.engine.ProjectFiles;
import dev.fanout.engine.StandIns;
import dev.fanout.localcloud.lambda.FunctionConfig;
import dev.fanout.localcloud.lambda.FunctionZip;
import dev.fanout.localcloud.lambda.LocalLambdaOptions;
import dev.fanout.localcloud.lambda.LocalLambdaService;
import dev.fanout.plan.UnitRuntime;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What the local Lambda service runs, shared by {@code lambda serve} and {@code lambda invoke}: the
 * template, the built function.zip, and the instances' region, parameters and environment.
 */
final class ServedFunctions {
  @Option(
      names = "--template",
      paramLabel = "FILE",
      description = "The SAM template (default: template.yaml in the repository).")
  Path template;

  @Option(
      names = "--zip",
      paramLabel = "FILE",
      description =
          "The built function (default: functions/lambda/target/function.zip in the repository).")
  Path zip;

  @Option(
      names = "--env",
      paramLabel = "NAME=VALUE",
      description =
          "An environment variable for every instance, over the template's (repeatable), e.g."
              + " FANOUT_ALLOW_LOCAL_TARGETS=true.")
  Map<String, String> environment = new LinkedHashMap<>();

  @Option(
      names = "--parameter",
      paramLabel = "NAME=VALUE",
      description = "A template parameter, over its Default (repeatable), e.g. Timeout=10.")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(
      names = "--units",
      paramLabel = "JAR,JAR..",
      split = ",",
      description =
          "Jars of units of your own: each unit is served as a function of its own (e.g."
              + " PagestatsFunction for pagestats), running function.zip's generic handler with"
              + " the jars as its layer.")
  List<Path> unitJars = new ArrayList<>();

  /** The functions of --units' units, once they are made. */
  private List<FunctionConfig> ownFunctions;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      defaultValue = "us-east-1",
      description = "AWS_REGION of instances (default: ${DEFAULT-VALUE}).")
  String region;

  /**
   * The template and zip, found and checked; null when either is missing or the zip cannot run the
   * template's functions (then {@code err} says why, in one line). Nothing is started.
   */
  Located located(PrintWriter err) {
    Optional<Path> root = ProjectFiles.root();
    Path templatePath = template != null ? template : inRoot(root, "template.yaml");
    Path zipPath = zip != null ? zip : inRoot(root, "functions/lambda/target/function.zip");
    if (templatePath == null || !Files.isRegularFile(templatePath)) {
      err.println(
          "fanout: no SAM template at "
              + (templatePath == null ? "template.yaml (no repository found)" : templatePath)
              + ": run this in the fanout repository or pass --template");
      return null;
    }
    List<FunctionConfig> functions =
        LocalLambdaService.functionsOf(templatePath, parameters, region);
    try {
      FunctionZip.check(
          zipPath == null ? Path.of("functions/lambda/target/function.zip") : zipPath, functions);
    } catch (IllegalArgumentException e) {
      err.println(
          "fanout: "
              + e.getMessage()
              + "; build the function.zip with ./mvnw -q -B -pl functions/lambda -am package"
              + " -DskipTests, or pass --zip FILE");
      return null;
    }
    return new Located(templatePath, zipPath);
  }

  /**
   * The functions of the units of your own in --units, beside {@code template}'s; none without.
   *
   * @throws IllegalArgumentException naming --units and what is wrong with a jar
   */
  List<FunctionConfig> ownFunctions(Path template) {
    if (unitJars.isEmpty()) {
      return List.of();
    }
    // Asked for the function list and again for the service's options: the jars are read once.
    if (ownFunctions == null) {
      try {
        ownFunctions =
            new OwnFunctions(UnitRuntime.ownUnitNames(unitJars), unitJars).functions(template);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--units: " + e.getMessage(), e);
      }
    }
    return ownFunctions;
  }

  /** The template and the zip the service runs. */
  record Located(Path template, Path zip) {
    /**
     * The service's options for these files: the instances pointed at the stand-ins, the caller's
     * --env over them, the template's parameters and the region as given.
     */
    LocalLambdaOptions.Builder options(ServedFunctions given, StandIns standIns) {
      Map<String, String> variables = new LinkedHashMap<>(standIns.environment());
      variables.putAll(given.environment);
      LocalLambdaOptions.Builder options =
          LocalLambdaOptions.builder(template, zip).environment(variables).region(given.region);
      given.parameters.forEach(options::parameter);
      given.ownFunctions(template).forEach(options::extraFunction);
      return options;
    }
  }

  private static Path inRoot(Optional<Path> root, String relative) {
    return root.map(r -> r.resolve(relative)).orElse(null);
  }
}
