package dev.fanout.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.units.FibUnit;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskFileTest {
  private static TaskFile read(String text) {
    return TaskFile.read(new StringReader(text), "tasks.jsonl");
  }

  @Test
  void read_takesOneObjectPerLine_skippingBlankLines_andKeepsTheirNumbers() {
    TaskFile file = read("{\"n\": 5}\n\n{\"n\": 7}\n");

    assertThat(file.inputs()).extracting(input -> input.get("n").asInt()).containsExactly(5, 7);
    assertThat(file.lines()).containsExactly(1, 3);
  }

  @Test
  void read_dashIsStandardInput() {
    TaskFile file =
        TaskFile.read(
            "-", new ByteArrayInputStream("{\"n\": 9}\n".getBytes(StandardCharsets.UTF_8)));

    assertThat(file.source()).isEqualTo("standard input");
    assertThat(file.size()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"n\": 1}\\n{\"n\": 2\\n | line 2: not JSON",
        "{\"n\": 1}\\n\\n[1, 2] | line 3: a task's input must be a JSON object",
        "{\"n\": 1} {\"n\": 2} | line 1: not JSON",
        "'' | holds no task",
      })
  void read_refusesABadLine_namingIt(String text, String problem) {
    assertThatThrownBy(() -> read(text.replace("\\n", "\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tasks.jsonl")
        .hasMessageContaining(problem);
  }

  @Test
  void read_aFileThatIsNotThere_isNamed() {
    assertThatThrownBy(() -> TaskFile.read("/no/such/tasks.jsonl", System.in))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no tasks file at /no/such/tasks.jsonl");
  }

  @Test
  void check_refusesTheFirstLineTheUnitRefuses_namingLineAndField() {
    TaskFile file = read("{\"n\": 30}\n\n{\"n\": 99}\n{\"m\": 1}\n");

    assertThatThrownBy(() -> file.check(new FibUnit()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tasks.jsonl line 3: fib: field 'n' must be")
        .hasMessageContaining("99");
  }

  @Test
  void workload_fromAFile_keepsItsOrder_andGoesThroughItAgainForMoreTasks() {
    TaskFile file = read("{\"n\": 30}\n{\"n\": 3}\n");
    URI origin = URI.create("http://127.0.0.1:1");

    Workload asWritten = Workloads.create("fib", origin, 0, file);
    Workload five = Workloads.create("fib", origin, 5, file);

    assertThat(asWritten.inputs()).extracting(i -> i.get("n").asInt()).containsExactly(30, 3);
    assertThat(five.inputs()).extracting(i -> i.get("n").asInt()).containsExactly(30, 3, 30, 3, 30);
    assertThat(five.threads()).isEqualTo(Workloads.create("fib", origin, 0).threads());
    assertThat(five.source()).isEqualTo("tasks from tasks.jsonl");
  }
}
