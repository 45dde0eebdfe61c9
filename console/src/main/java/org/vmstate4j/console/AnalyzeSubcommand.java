package org.vmstate4j.console;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateException;
import org.vmstate4j.engine.analyze.AnalyzedStream;
import org.vmstate4j.engine.analyze.StreamAnalyzer;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code vmstate analyze FILE [--dump state|desc]}: prints what QEMU's analyze-migration.py
 * prints for the same file; the script's {@code -f FILE} spelling is accepted too.
 */
final class AnalyzeSubcommand extends Subcommand {
  @Nullable Path file;
  @Nullable Path fileOption;
  String dump = "state";

  AnalyzeSubcommand(CliContext context) {
    super(context, "analyze", "decode any QEMU stream, as analyze-migration.py does",
        "Prints exactly what QEMU's scripts/analyze-migration.py prints for the file.");
    exitCodes("0:decoded", "1:the file cannot be read or decoded (one line on stderr)",
        "2:usage error");
    spec.addPositional(Specs.bind(PositionalParamSpec.builder().type(Path.class),
            () -> file, v -> file = v)
        .arity("0..1").paramLabel("FILE").description("the migration stream").build());
    spec.addOption(Specs.bind(OptionSpec.builder("-f", "--file").type(Path.class),
            () -> fileOption, v -> fileOption = v)
        .paramLabel("FILE").description("the migration stream (analyze-migration.py's spelling)")
        .build());
    spec.addOption(Specs.bind(OptionSpec.builder("-d", "--dump").type(String.class),
            () -> dump, v -> dump = v)
        .paramLabel("state|desc").defaultValue("state")
        .completionCandidates(List.of("state", "desc"))
        .description("state: the devices' decoded state (default); desc: the JSON description")
        .build());
  }

  @Override
  public Integer call() {
    if (file != null && fileOption != null) {
      throw new ParameterException(spec.commandLine(), "give FILE or -f FILE, not both");
    }
    Path path = file != null ? file : fileOption;
    if (path == null) {
      throw new ParameterException(spec.commandLine(), "Missing required parameter: 'FILE'");
    }
    if (!dump.equals("state") && !dump.equals("desc")) {
      throw new ParameterException(spec.commandLine(),
          "--dump must be state or desc, not " + dump);
    }
    try {
      if (dump.equals("state")) {
        AnalyzedStream analyzed = StreamAnalyzer.open(path);
        context.out().print(analyzed.dumpState());
        context.out().flush();
        // notes go to stderr so that stdout stays what QEMU's script prints
        analyzed.notes().forEach(n -> context.err().println("analyze: note: " + n));
      } else {
        context.out().print(StreamAnalyzer.describe(path));
        context.out().flush();
      }
      return Cli.OK;
    } catch (NoSuchFileException e) {
      return fail(path + ": no such file");
    } catch (IOException e) {
      return fail(path + ": " + oneLine(String.valueOf(e.getMessage())));
    } catch (VmStateException e) {
      return fail(path + ": " + oneLine(e.getMessage()));
    } catch (RuntimeException e) {
      return fail(path + ": " + oneLine(UserMessage.of(e)));
    }
  }

  static String oneLine(String message) {
    return message.replace('\n', ' ').replace('\r', ' ');
  }
}
