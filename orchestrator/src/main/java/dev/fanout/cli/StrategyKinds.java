package dev.fanout.cli;

import dev.fanout.strategy.kind.StrategyKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.ITypeConverter;

/** The options that name strategies: their parsing, completion and help, all from the kind. */
final class StrategyKinds {
  private static final String HELP_SECTION = "strategies";

  private StrategyKinds() {}

  /** Parses a strategy's name; an unknown one is a usage error that suggests the closest. */
  static final class Converter implements ITypeConverter<StrategyKind> {
    @Override
    public StrategyKind convert(String value) {
      try {
        return StrategyKind.of(value);
      } catch (IllegalArgumentException e) {
        // picocli prefixes the option and reports it as bad usage.
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** The names, for ${COMPLETION-CANDIDATES} and shell completion. */
  static final class Names extends ArrayList<String> {
    Names() {
      super(StrategyKind.labels());
    }
  }

  /** The strategies given, without repeats and in the order given; all of them if none. */
  static List<StrategyKind> chosen(List<StrategyKind> given) {
    return given.isEmpty() ? StrategyKind.all() : List.copyOf(new LinkedHashSet<>(given));
  }

  /** Whether {@code command} has an option that names strategies. */
  static boolean takenBy(CommandLine command) {
    return command.getCommandSpec().options().stream()
        .anyMatch(option -> Arrays.asList(option.auxiliaryTypes()).contains(StrategyKind.class));
  }

  /** Adds the strategies, each with what it is, at the end of the help of {@code command}. */
  static void describeIn(CommandLine command) {
    command.getHelpSectionMap().put(HELP_SECTION, StrategyKinds::helpSection);
    List<String> keys = new ArrayList<>(command.getHelpSectionKeys());
    keys.add(
        keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), HELP_SECTION);
    command.setHelpSectionKeys(keys);
  }

  private static String helpSection(Help help) {
    int labels = 2 + StrategyKind.labels().stream().mapToInt(String::length).max().orElse(0) + 2;
    int width = help.commandSpec().usageMessage().width();
    Help.TextTable table =
        Help.TextTable.forColumns(
            help.colorScheme(),
            new Help.Column(labels, 2, Help.Column.Overflow.SPAN),
            new Help.Column(width - labels, 0, Help.Column.Overflow.WRAP));
    for (StrategyKind kind : StrategyKind.all()) {
      table.addRowValues(kind.label(), kind.description());
    }
    return String.format("%nStrategies:%n") + table;
  }
}
