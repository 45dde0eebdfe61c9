package org.vmstate4j.console;

import java.util.ArrayList;
import java.util.List;
import org.vmstate4j.engine.VmStateException;
import org.vmstate4j.engine.edit.Assignment;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
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

  @Option(names = "--set", paramLabel = "PATH=VALUE", converter = AssignmentConverter.class,
      description = "an edit of a device section's field (paths and rules: 'edit --help');"
          + " repeat for more")
  List<Assignment> sets = new ArrayList<>();
}
