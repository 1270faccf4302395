package dev.fanout.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the project's own files (template.yaml, the built function.zip) from where fanout runs. */
public final class ProjectFiles {
  private ProjectFiles() {}

  /**
   * The project's root: {@code -Dfanout.home} (set by scripts/fanout), else the first directory
   * from the working directory upwards that holds template.yaml.
   */
  public static Optional<Path> root() {
    String home = System.getProperty("fanout.home");
    if (home != null && Files.isRegularFile(Path.of(home, "template.yaml"))) {
      return Optional.of(Path.of(home).toAbsolutePath());
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("template.yaml"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  public static Path template() {
    return root()
        .map(dir -> dir.resolve("template.yaml"))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "cannot find template.yaml: run fanout from the project's directory, or pass"
                        + " --endpoint to use a Lambda endpoint of your own"));
  }

  public static Path functionZip() {
    Path zip = template().resolveSibling("functions/lambda/target/function.zip");
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException(
          zip + " is not built yet: run scripts/build (scripts/fanout builds it on first use)");
    }
    return zip;
  }
}
