package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandRegistryTest {
  /** Records its arguments; stands for a command another class would add. */
  private static final class Echo implements ConsoleCommand {
    final List<List<String>> calls = new ArrayList<>();
    private final String name;

    Echo(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String arguments() {
      return "WORDS...";
    }

    @Override
    public String summary() {
      return "echo";
    }

    @Override
    public Outcome run(CommandContext context, List<String> args) {
      calls.add(args);
      return Outcome.OK;
    }
  }

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private CommandContext context(CommandRegistry registry) {
    PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
    return new CommandContext(null, registry, stream, stream);
  }

  @Test
  void recognizesCommandsButNotComments() {
    assertThat(CommandRegistry.isCommand("/vars")).isTrue();
    assertThat(CommandRegistry.isCommand("  /exit 3")).isTrue();
    assertThat(CommandRegistry.isCommand("// note")).isFalse();
    assertThat(CommandRegistry.isCommand("/* note */ int x;")).isFalse();
    assertThat(CommandRegistry.isCommand("a / b")).isFalse();
  }

  @Test
  void runsByNameOrUniquePrefixWithSplitArguments() {
    Echo save = new Echo("save");
    Echo desc = new Echo("desc");
    CommandRegistry registry = new CommandRegistry(List.of(save, desc));

    assertThat(registry.execute("/save out.bin uart \"my dev\"", context(registry)))
        .isEqualTo(Outcome.OK);
    assertThat(registry.execute("/de x", context(registry))).isEqualTo(Outcome.OK);

    assertThat(save.calls).containsExactly(List.of("out.bin", "uart", "my dev"));
    assertThat(desc.calls).containsExactly(List.of("x"));
  }

  @Test
  void ambiguousAndUnknownNamesFail() {
    CommandRegistry registry = new CommandRegistry(List.of(new Echo("save"), new Echo("show")));

    assertThat(registry.execute("/s", context(registry))).isEqualTo(Outcome.FAILED);
    assertThat(registry.execute("/load x", context(registry))).isEqualTo(Outcome.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("/s is ambiguous: /save, /show")
        .contains("unknown command /load");
  }

  @Test
  void duplicateNamesAreRejected() {
    assertThatThrownBy(() -> new CommandRegistry(List.of(new Echo("x"), new Echo("x"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void standardRegistryOffersOnlyCommandsThatExist() {
    assertThat(CommandRegistry.standard().names()).containsExactly(
        "/help", "/vars", "/types", "/devices", "/save", "/load", "/desc", "/analyze", "/explain",
        "/diff", "/compat", "/edit", "/trace",
        "/reset", "/exit");
  }

  @Test
  void argumentsSplitOnWhitespaceAndKeepQuotedSpaces() {
    assertThat(Arguments.split("  a  'b c' \"d e\"f  ")).containsExactly("a", "b c", "d ef");
    assertThat(Arguments.split("''")).containsExactly("");
    assertThat(Arguments.split("   ")).isEmpty();
  }
}
