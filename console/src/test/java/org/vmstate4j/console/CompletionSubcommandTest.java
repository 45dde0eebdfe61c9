package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmstate completion}: picocli's bash script, exercised by bash itself. */
class CompletionSubcommandTest {
  @TempDir Path tmp;

  /** What the script offers for {@code words}, the last one being completed. */
  private List<String> complete(Path script, String... words) throws Exception {
    String line = String.join(" ", words);
    StringBuilder array = new StringBuilder();
    for (String w : words) {
      array.append(" '").append(w).append('\'');
    }
    String driver = "source '" + script + "' 2>/dev/null\n"
        + "COMP_WORDS=(" + array + " )\n"
        + "COMP_CWORD=" + (words.length - 1) + "\n"
        + "COMP_LINE='" + line + "'\n"
        + "COMP_POINT=${#COMP_LINE}\n"
        + "_complete_vmstate 2>/dev/null\n"
        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Path out = tmp.resolve("reply.txt");
    Process bash = new ProcessBuilder("bash", "-c", driver)
        .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      assertThat(bash.waitFor(30, TimeUnit.SECONDS)).as("bash finished").isTrue();
    } finally {
      bash.destroyForcibly();
    }
    return Files.readAllLines(out, StandardCharsets.UTF_8).stream()
        .filter(s -> !s.isEmpty()).toList();
  }

  private Path script() throws IOException {
    CliResult r = CliResult.run("completion");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    return Files.writeString(tmp.resolve("vmstate.bash"), r.out());
  }

  @Test
  void completesSubcommandsOptionsAndValues() throws Exception {
    Path script = script();

    assertThat(Files.readString(script)).contains("complete -F _complete_vmstate");
    assertThat(complete(script, "vmstate", "ex")).containsExactly("explain");
    assertThat(complete(script, "vmstate", "e")).containsExactlyInAnyOrder("explain", "edit");
    assertThat(complete(script, "vmstate", "compat", "--d"))
        .containsExactlyInAnyOrder("--dest", "--device");
    assertThat(complete(script, "vmstate", "analyze", "--dump", ""))
        .containsExactlyInAnyOrder("state", "desc");
    assertThat(complete(script, "vmstate", "edit", "--s")).containsExactly("--set");
  }
}
