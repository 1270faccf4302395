package dev.fanout.localcloud.scratch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchDirectoryTest {
  private static final String PREFIX = "fanout-scratch-test-";

  @TempDir Path parent;

  @Test
  void create_namesTheDirectoryAfterThisProcess_andCloseRemovesItWithItsContents()
      throws IOException {
    ScratchDirectory scratch = ScratchDirectory.create(PREFIX);
    Files.writeString(Files.createDirectories(scratch.path().resolve("a/b")).resolve("c"), "x");

    assertThat(ScratchDirectory.owner(scratch.path().getFileName().toString(), PREFIX))
        .hasValue(ProcessHandle.current().pid());
    scratch.close();

    assertThat(scratch.path()).doesNotExist();
  }

  @Test
  void sweep_removesTheDirectoriesOfDeadOwnersOnly() throws IOException {
    Path dead = Files.createDirectory(parent.resolve(PREFIX + "p41-123"));
    Files.writeString(dead.resolve("left.jpg"), "image");
    Path live = Files.createDirectory(parent.resolve(PREFIX + "p42-456"));
    Path unrelated = Files.createDirectory(parent.resolve(PREFIX + "9876543210"));
    Path otherPrefix = Files.createDirectory(parent.resolve("fanout-other-p41-1"));

    int removed = ScratchDirectory.sweep(parent, PREFIX, pid -> pid == 42);

    assertThat(removed).isEqualTo(1);
    assertThat(dead).doesNotExist();
    assertThat(live).isDirectory();
    assertThat(unrelated).isDirectory();
    assertThat(otherPrefix).isDirectory();
  }

  @Test
  void sweep_seesARealDeadProcessAsGone() throws Exception {
    Process exited = new ProcessBuilder("true").start();
    exited.waitFor();
    Path leftBehind = Files.createDirectory(parent.resolve(PREFIX + "p" + exited.pid() + "-7"));

    ScratchDirectory.sweep(
        parent, PREFIX, pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

    assertThat(leftBehind).doesNotExist();
  }

  @Test
  void owner_readsOnlyNamesMadeByCreate() {
    assertThat(ScratchDirectory.owner(PREFIX + "p123-456", PREFIX)).hasValue(123);
    assertThat(ScratchDirectory.owner(PREFIX + "p-456", PREFIX)).isEqualTo(OptionalLong.empty());
    assertThat(ScratchDirectory.owner(PREFIX + "pabc-1", PREFIX)).isEmpty();
    assertThat(ScratchDirectory.owner(PREFIX + "123", PREFIX)).isEmpty();
    assertThat(ScratchDirectory.owner("other-p1-2", PREFIX)).isEmpty();
  }
}
