package dev.fanout.units.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A jar as a user would build one: Java sources compiled against this class path by the JDK's
 * compiler, and the service files given, so that tests load units of their own the real way.
 */
public final class UnitJar {
  private UnitJar() {}

  /**
   * Writes {@code jar} from {@code sources} (class name to source) and {@code resources} (path in
   * the jar to text).
   */
  public static Path build(Path jar, Map<String, String> sources, Map<String, String> resources)
      throws IOException {
    Path work = Files.createTempDirectory(jar.getParent(), "unit-jar-");
    Path src = Files.createDirectories(work.resolve("src"));
    Path classes = Files.createDirectories(work.resolve("classes"));
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "-d",
                classes.toString(),
                "-classpath",
                System.getProperty("java.class.path"),
                "--release",
                "21",
                "-proc:none"));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      arguments.add(file.toString());
    }
    if (!sources.isEmpty()) {
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      StringWriter errors = new StringWriter();
      int status =
          compiler.run(
              null,
              OutputStream.nullOutputStream(),
              new WriterStream(errors),
              arguments.toArray(String[]::new));
      if (status != 0) {
        throw new IllegalStateException("the unit's sources do not compile:\n" + errors);
      }
    }
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
      for (Map.Entry<String, String> resource : resources.entrySet()) {
        out.putNextEntry(new JarEntry(resource.getKey()));
        out.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }

  /** The compiler's error stream, kept for the failure message. */
  private static final class WriterStream extends OutputStream {
    private final StringWriter writer;

    WriterStream(StringWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) {
      writer.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writer.write(new String(b, off, len, StandardCharsets.UTF_8));
    }
  }
}
