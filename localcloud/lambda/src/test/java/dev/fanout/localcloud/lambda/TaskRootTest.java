package dev.fanout.localcloud.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskRootTest {
  @TempDir Path dir;

  @Test
  void unpacksOnce_perZipContent() throws IOException {
    Path zip = zip("a.zip", "Handler.class", "lib/dep.jar");
    Path cache = dir.resolve("cache");

    Path first = TaskRoot.unpack(zip, cache);
    Files.writeString(first.resolve("marker"), "kept");
    Path second = TaskRoot.unpack(zip, cache);

    assertThat(second).isEqualTo(first);
    assertThat(second.resolve("marker")).hasContent("kept");
    assertThat(first.resolve("lib/dep.jar")).exists();
    assertThat(TaskRoot.unpack(zip("b.zip", "Other.class"), cache)).isNotEqualTo(first);
  }

  @Test
  void layers_addTheirJarsToLib_inARootOfTheirOwn_sharedByTheSameLayers() throws IOException {
    Path zip = zip("a.zip", "Handler.class", "lib/dep.jar");
    Path cache = dir.resolve("cache");
    Path unit = Files.writeString(dir.resolve("words.jar"), "a unit of your own");
    Path other = Files.writeString(dir.resolve("other.jar"), "another unit");

    Path plain = TaskRoot.unpack(zip, cache);
    Path layered = TaskRoot.withLayers(zip, List.of(unit), cache);

    assertThat(layered).isNotEqualTo(plain);
    assertThat(layered.resolve("Handler.class")).hasContent("a.zipHandler.class");
    assertThat(layered.resolve("lib/dep.jar")).exists();
    assertThat(layered.resolve("lib/layer-0-words.jar")).hasContent("a unit of your own");
    assertThat(plain.resolve("lib/layer-0-words.jar")).doesNotExist();
    assertThat(TaskRoot.withLayers(zip, List.of(unit), cache)).isEqualTo(layered);
    assertThat(TaskRoot.withLayers(zip, List.of(other), cache)).isNotIn(layered, plain);
    assertThat(TaskRoot.withLayers(zip, List.of(), cache)).isEqualTo(plain);
  }

  @Test
  void missingZip_saysHowToBuildIt() {
    assertThatThrownBy(() -> TaskRoot.unpack(dir.resolve("function.zip"), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("./mvnw -pl functions/lambda");
  }

  @Test
  void entriesOutsideTheRoot_areRefused() throws IOException {
    Path zip = zip("evil.zip", "../escaped.txt");

    assertThatThrownBy(() -> TaskRoot.unpack(zip, dir.resolve("cache")))
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage(zip + " holds an entry outside its root: ../escaped.txt");
    assertThat(dir.resolve("escaped.txt")).doesNotExist();
    assertThat(dir.resolve("cache")).isEmptyDirectory();
  }

  private Path zip(String name, String... entries) throws IOException {
    Path zip = dir.resolve(name);
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (String entry : entries) {
        out.putNextEntry(new ZipEntry(entry));
        out.write((name + entry).getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return zip;
  }
}
