package org.vmstate4j.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vmstate4j.engine.edit.Assignment;
import org.vmstate4j.engine.edit.FieldEdit;
import org.vmstate4j.engine.edit.StreamEdit;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code vmstate edit IN -o OUT --set PATH=VALUE ...}: a copy of a stream with fields changed in
 * place, everything else passing through byte for byte ({@link StreamEdit}).
 */
final class EditSubcommand extends Subcommand {
  Path in;
  Path out;
  final EditOptions edits;

  EditSubcommand(CliContext context) {
    super(context, "edit", "copy a stream with fields changed",
        "Writes a copy of a QEMU migration stream with fields changed in place: every byte not"
            + " edited passes through unchanged (RAM, other sections, the JSON description), so"
            + " without --set OUT equals IN.",
        "PATH is the path 'analyze' shows: the section (idstr, or 'idstr (section id)' when"
            + " several share it), then fields separated by /, [i] for an array element or a"
            + " byte of a buffer. VALUE is decimal, 0x hexadecimal, or negative for signed fields;"
            + " it must fit the field. For example:",
        "  --set serial/state/scr=0x5a --set mc146818rtc/cmos_data[14]=0xa5",
        "Typed edits of registered devices, which may change a section's length: edit(IN, OUT,"
            + " change) in the console or a script.");
    exitCodes("0:OUT was written",
        "1:an edit cannot be applied (unknown path or instance, value out of range) or a file"
            + " cannot be read or written; one line on stderr, OUT is not written",
        "2:usage error, including a --set that is not PATH=VALUE");
    spec.addPositional(Specs.bind(PositionalParamSpec.builder().type(Path.class),
            () -> in, v -> in = v)
        .required(true).paramLabel("IN")
        .description("the stream to read ('-' for standard input)").build());
    spec.addOption(Specs.bind(OptionSpec.builder("-o", "--output").type(Path.class),
            () -> out, v -> out = v)
        .required(true).paramLabel("OUT")
        .description("where to write the edited stream ('-' for standard output)").build());
    edits = new EditOptions(spec);
  }

  @Override
  public Integer call() {
    boolean fromStdin = in.toString().equals("-");
    boolean toStdout = out.toString().equals("-");
    // With the stream on stdout, the report goes to stderr.
    PrintStream report = toStdout ? context.err() : context.out();
    try {
      if (!fromStdin && !toStdout && Files.exists(out) && Files.isSameFile(in, out)) {
        return fail(out + " is the input: write to another file");
      }
      if (!fromStdin) {
        String notAStream = StreamFiles.notAStream(in);
        if (notAStream != null) {
          return fail(StreamFiles.notAStreamMessage(in, notAStream));
        }
      }
      long written;
      List<FieldEdit> applied;
      try (StreamEdit edit = open(fromStdin)) {
        for (Assignment a : edits.sets) {
          edit.set(a);
        }
        applied = edit.edits();
        written = toStdout ? edit.writeTo(context.out()) : edit.writeTo(out);
      }
      EditOptions.report(report, applied);
      report.println("wrote " + written + " bytes to " + (toStdout ? "standard output" : out)
          + (applied.isEmpty() ? " (no edits: a byte-identical copy)" : ""));
      report.flush();
      return Cli.OK;
    } catch (IOException | RuntimeException e) {
      return fail(e);
    }
  }

  @SuppressWarnings("resource") // System.in is not ours to close
  private StreamEdit open(boolean fromStdin) throws IOException {
    if (fromStdin) {
      InputStream stdin = System.in;
      return StreamEdit.of(stdin);
    }
    return StreamEdit.of(in);
  }
}
