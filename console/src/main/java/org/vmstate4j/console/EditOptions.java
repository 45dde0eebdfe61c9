package org.vmstate4j.console;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.vmstate4j.engine.VmStateException;
import org.vmstate4j.engine.edit.Assignment;
import org.vmstate4j.engine.edit.FieldEdit;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/** {@code --set PATH=VALUE ...}: the field edits of {@code edit}, {@code send} and {@code proxy}. */
final class EditOptions {
  /** {@code PATH=VALUE}, checked while the command line is parsed. */
  static final class AssignmentConverter implements ITypeConverter<Assignment> {
    @Override
    public Assignment convert(String value) {
      try {
        return Assignment.parse(value);
      } catch (VmStateException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  List<Assignment> sets = new ArrayList<>();

  /** Adds {@code --set} to the command {@code spec}. */
  EditOptions(CommandSpec spec) {
    spec.addOption(Specs.bind(OptionSpec.builder("--set").type(List.class)
            .auxiliaryTypes(Assignment.class), () -> sets, v -> sets = v)
        .paramLabel("PATH=VALUE").converters(new AssignmentConverter())
        .description("an edit of a device section's field (paths and rules: 'edit --help');"
            + " repeat for more").build());
  }

  /** One line an applied edit: its path, offset, and the bytes before and after. */
  static void report(PrintStream out, List<FieldEdit> applied) {
    HexFormat hex = HexFormat.ofDelimiter(" ");
    for (FieldEdit e : applied) {
      out.println("set " + e.path() + " @0x" + Long.toHexString(e.offset()) + ": "
          + hex.formatHex(e.before()) + " -> " + hex.formatHex(e.after()));
    }
  }
}
