package dev.fanout.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.api.InvalidInputException;
import dev.fanout.api.Unit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A task list of the user's own: JSON lines, one task's input per line. Every line is checked
 * before anything runs, first as JSON, then against the unit that will run it, and a bad one is
 * refused naming its line.
 *
 * @param source where the lines came from, e.g. {@code tasks.jsonl} or {@code standard input}
 * @param inputs one JSON object per task, in the order of the lines
 * @param lines the line number of each input (blank lines are skipped)
 */
public record TaskFile(String source, List<JsonNode> inputs, List<Integer> lines) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public TaskFile {
    inputs = List.copyOf(inputs);
    lines = List.copyOf(lines);
    if (inputs.size() != lines.size()) {
      throw new IllegalArgumentException(
          "a task file needs a line number per input: " + inputs.size() + " vs " + lines.size());
    }
  }

  /** Reads {@code file}, or standard input ({@code stdin}) when it is {@code -}. */
  public static TaskFile read(String file, InputStream stdin) {
    if (file.equals("-")) {
      return read(new InputStreamReader(stdin, StandardCharsets.UTF_8), "standard input");
    }
    Path path = Path.of(file);
    if (Files.isDirectory(path)) {
      throw new IllegalArgumentException(
          "the tasks file " + file + " is a directory: give a file of JSON lines");
    }
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return read(reader, file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no tasks file at " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the tasks file " + file, e);
    }
  }

  /**
   * Reads JSON lines: each non-blank line one JSON object.
   *
   * @throws IllegalArgumentException naming the first line that is not a JSON object, or saying
   *     that there is no line at all
   */
  public static TaskFile read(Reader reader, String source) {
    List<JsonNode> inputs = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    BufferedReader buffered = new BufferedReader(reader);
    try {
      int number = 0;
      for (String line = buffered.readLine(); line != null; line = buffered.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        inputs.add(object(line, source, number));
        lines.add(number);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the tasks from " + source, e);
    }
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException(
          source + " holds no task: write one JSON input per line, e.g. {\"n\": 30} for fib");
    }
    return new TaskFile(source, inputs, lines);
  }

  public int size() {
    return inputs.size();
  }

  /**
   * Checks every input against the unit that will run it, so that a bad line stops the command
   * before any run rather than failing as a task.
   *
   * @throws IllegalArgumentException naming the first bad line and its field
   */
  public void check(Unit<?, ?> unit) {
    for (int i = 0; i < inputs.size(); i++) {
      try {
        unit.parse(inputs.get(i));
      } catch (InvalidInputException e) {
        throw new IllegalArgumentException(where(lines.get(i)) + e.getMessage());
      }
    }
  }

  private static JsonNode object(String line, String source, int number) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          source
              + " line "
              + number
              + ": not JSON ("
              + e.getOriginalMessage().lines().findFirst().orElse("")
              + "); each line must be one task's input, e.g. {\"n\": 30}");
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(
          source
              + " line "
              + number
              + ": a task's input must be a JSON object like {\"n\": 30}, got "
              + node);
    }
    return node;
  }

  private String where(int line) {
    return source + " line " + line + ": ";
  }
}
