package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's code blocks, each checked as the HTML comment before it says
 * ({@code <!-- readme-test: KIND ... -->}), so that nothing is guessed:
 *
 * <ul>
 *   <li>{@code jshell}: runs as a script in the console's JShell; every snippet must succeed.
 *   <li>{@code compile}: Java statements (leading imports allowed) compiled with javax.tools in a
 *       method body, with the console's imports; not run.
 *   <li>{@code console}: a console transcript; the {@code vmstate> } lines are typed into a
 *       console and each input's shown output must be what the console prints for it, in order.
 *       {@code console continues} first types the inputs of the console block before it.
 *   <li>{@code vmstate FILE[=PATH]...}: {@code $ ./vmstate ARGS} lines, each followed by what it
 *       prints (standard output, then standard error); run in-process as the launcher runs them,
 *       in a scratch folder holding the FILEs the samples name (copied from PATH in the
 *       repository, by default the FILE itself), which stands for the current folder.
 *   <li>{@code output-of TEST}: output that the named test produces and compares with the block.
 *   <li>{@code packages}: a Mermaid diagram of packages, checked against the sources by
 *       {@link ReadmeDiagramTest}.
 *   <li>{@code fragment}: not run (the comment says why).
 * </ul>
 */
class ReadmeTest {
  static final Path README = Path.of("..", "README.md");
  private static final Pattern MARKER =
      Pattern.compile("<!-- readme-test: (\\S+)(?: (.*?))? -->");
  private static final Set<String> KINDS =
      Set.of("jshell", "compile", "console", "vmstate", "output-of", "packages", "fragment");
  /** An object's identity hash, as JShell prints it: differs from run to run. */
  private static final Pattern HASH = Pattern.compile("@[0-9a-f]{4,8}\\b");
  /** The last line of ProgressBar for a save or load: {@code save FILE 276 B}. */
  private static final Pattern PROGRESS =
      Pattern.compile("(save|load) \\S+ .*\\d (B|KiB|MiB|GiB)");
  /** The console sample's file: replaced by a file in a temporary folder. */
  private static final String SAMPLE_FILE = "/tmp/uart.vmstate";

  record Block(int line, String kind, String argument, List<String> lines) {
    String text() {
      return String.join("\n", lines) + "\n";
    }

    String name() {
      return kind + " block at README.md:" + line;
    }
  }

  static List<Block> blocks() {
    List<String> lines;
    try {
      lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Block> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith("```")) {
        continue;
      }
      int open = i;
      List<String> body = new ArrayList<>();
      for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
        body.add(lines.get(i));
      }
      Matcher m = open > 0 ? MARKER.matcher(lines.get(open - 1).strip()) : null;
      if (m == null || !m.matches()) {
        out.add(new Block(open + 1, "", "", body));
      } else {
        out.add(new Block(open + 1, m.group(1), m.group(2) == null ? "" : m.group(2), body));
      }
    }
    return out;
  }

  static Stream<Block> blocks(String kind) {
    return blocks().stream().filter(b -> b.kind().equals(kind));
  }

  @Test
  void everyBlockSaysHowItIsChecked() {
    List<Block> all = blocks();
    assertThat(all).isNotEmpty();
    assertThat(all).as("blocks without a known <!-- readme-test: KIND --> line before them")
        .allSatisfy(b -> assertThat(KINDS).as(b.name()).contains(b.kind()));
    assertThat(all).filteredOn(b -> !b.kind().equals("fragment")).hasSizeGreaterThan(5);
  }

  @TestFactory
  Stream<DynamicTest> jshellBlocksRun(@TempDir Path dir) {
    return blocks("jshell").map(b -> DynamicTest.dynamicTest(b.name(), () -> {
      Path script = dir.resolve("readme-" + b.line() + ".jsh");
      Files.writeString(script, b.text(), StandardCharsets.UTF_8);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Main.run(List.of("run", script.toString()),
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(code).as(b.name() + ":\n" + err.toString(StandardCharsets.UTF_8)
          + out.toString(StandardCharsets.UTF_8)).isZero();
    }));
  }

  @TestFactory
  Stream<DynamicTest> compileBlocksCompile() {
    return blocks("compile").map(b -> DynamicTest.dynamicTest(b.name(), () -> {
      StringBuilder src = new StringBuilder();
      for (String i : StartupImports.IMPORTS) {
        src.append(i).append('\n');
      }
      List<String> body = new ArrayList<>(b.lines());
      while (!body.isEmpty() && (body.get(0).startsWith("import ") || body.get(0).isBlank())) {
        src.append(body.remove(0)).append('\n');
      }
      src.append("class ReadmeBlock {\n  void run() throws Exception {\n");
      body.forEach(l -> src.append(l).append('\n'));
      src.append("  }\n}\n");
      assertThat(compile(src.toString())).as(b.name() + ":\n" + src).isEmpty();
    }));
  }

  /** javac's errors for one source file against the test class path; empty when it compiles. */
  private static String compile(String source) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///ReadmeBlock.java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    Path classes = Files.createTempDirectory("readme-classes");
    StringWriter log = new StringWriter();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null,
        StandardCharsets.UTF_8)) {
      boolean ok = javac.getTask(log, fm, diagnostics,
          List.of("-proc:none", "-d", classes.toString(), "-classpath",
              System.getProperty("java.class.path")), null, List.of(file)).call();
      StringBuilder errors = new StringBuilder(log.toString());
      diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
          .forEach(d -> errors.append("line ").append(d.getLineNumber()).append(": ")
              .append(d.getMessage(null)).append('\n'));
      return ok ? "" : errors.length() == 0 ? "javac failed" : errors.toString();
    } finally {
      try (Stream<Path> s = Files.walk(classes)) {
        s.sorted((a, c) -> c.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> consoleBlocksPrintWhatTheyShow(@TempDir Path dir) {
    List<Block> consoles = blocks("console").toList();
    return consoles.stream().map(b -> DynamicTest.dynamicTest(b.name(), () -> {
      String file = dir.resolve("uart-" + b.line() + ".vmstate").toString();
      List<String> before = new ArrayList<>();
      if (b.argument().equals("continues")) {
        int at = consoles.indexOf(b);
        assertThat(at).as(b.name() + ": a console block before it").isPositive();
        for (String l : consoles.get(at - 1).lines()) {
          if (l.startsWith("vmstate> ")) {
            before.add(l.substring("vmstate> ".length()).replace(SAMPLE_FILE, file));
          }
        }
      } else {
        assertThat(b.argument()).as(b.name()).isEmpty();
      }
      List<String> inputs = new ArrayList<>();
      List<List<String>> shown = new ArrayList<>();
      for (String l : b.lines()) {
        if (l.startsWith("vmstate> ")) {
          inputs.add(l.substring("vmstate> ".length()).replace(SAMPLE_FILE, file));
          shown.add(new ArrayList<>());
        } else {
          assertThat(shown).as(b.name() + ": output before the first input").isNotEmpty();
          shown.get(shown.size() - 1).add(l.replace(SAMPLE_FILE, file));
        }
      }
      List<String> typed = new ArrayList<>(before);
      typed.addAll(inputs);
      String transcript = ConsoleDriver.session(String.join("\n", typed) + "\n");
      // the dumb terminal does not echo input: after the k-th prompt comes the k-th output
      String[] all = transcript.split("vmstate> ", -1);
      assertThat(all.length - 1).as(transcript).isGreaterThanOrEqualTo(typed.size());
      String[] printed = java.util.Arrays.copyOfRange(all, before.size(), all.length);
      for (int k = 0; k < inputs.size(); k++) {
        // a save or load slower than a second adds its progress line: timing, not output
        List<String> actual = printed[k + 1].lines()
            .filter(l -> !PROGRESS.matcher(l).matches()).map(ReadmeTest::normalized).toList();
        List<String> expected = shown.get(k).stream().map(ReadmeTest::normalized).toList();
        assertThat(actual).as(b.name() + ", output of '" + inputs.get(k) + "'; transcript:\n"
            + transcript).isEqualTo(expected);
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> vmstateSamplesPrintWhatTheyShow(@TempDir Path scratch) {
    return blocks("vmstate").map(b -> DynamicTest.dynamicTest(b.name(), () -> {
      Path dir = Files.createDirectories(scratch.resolve("block-" + b.line()));
      for (String f : b.argument().isEmpty() ? new String[0] : b.argument().split(" ")) {
        String[] nameAndPath = f.split("=", 2);
        Path from = README.resolveSibling(nameAndPath.length == 2 ? nameAndPath[1] : f);
        Files.copy(from, dir.resolve(nameAndPath[0]));
      }
      String prefix = dir + "/";
      String command = null;
      StringBuilder shown = new StringBuilder();
      List<String> lines = new ArrayList<>(b.lines());
      lines.add("$ ./vmstate");
      for (String l : lines) {
        if (!l.startsWith("$ ./vmstate")) {
          assertThat(command).as(b.name() + ": output before the first command").isNotNull();
          shown.append(l).append('\n');
          continue;
        }
        if (command != null) {
          List<String> args = new ArrayList<>();
          for (String a : words(command)) {
            args.add(LOCAL_FILE.matcher(a).matches() ? prefix + a : a);
          }
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          ByteArrayOutputStream err = new ByteArrayOutputStream();
          Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
          String printed = (out.toString(StandardCharsets.UTF_8)
              + err.toString(StandardCharsets.UTF_8)).replace(prefix, "");
          assertThat(printed).as(b.name() + ": $ ./vmstate " + command)
              .isEqualTo(shown.toString());
        }
        command = l.substring("$ ./vmstate".length()).strip();
        shown.setLength(0);
      }
    }));
  }

  /** A file in the current folder as the samples name it: {@code pc-min.mig}, {@code README.md}. */
  private static final Pattern LOCAL_FILE = Pattern.compile("[\\w-]+\\.[A-Za-z]+");

  /** The words of a command line as the shell splits them; single and double quotes group. */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          w.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      out.add(w.toString());
    }
    return out;
  }

  private static String normalized(String line) {
    return HASH.matcher(line).replaceAll("@HASH");
  }

  /** An output block is compared by the test it names: that test must look it up. */
  @Test
  void outputBlocksAreComparedByTheTestTheyName() throws IOException {
    List<Block> outputs = blocks("output-of").toList();
    assertThat(outputs).hasSizeGreaterThanOrEqualTo(4);
    List<Path> tests;
    try (Stream<Path> s = Files.walk(Path.of(".."), 12)) {
      tests = s.filter(p -> p.toString().contains("src/test/java")
          && p.getFileName().toString().endsWith(".java")).toList();
    }
    for (Block b : outputs) {
      List<Path> named = tests.stream()
          .filter(p -> p.getFileName().toString().equals(b.argument() + ".java")).toList();
      assertThat(named).as(b.name() + ": the test " + b.argument()).hasSize(1);
      assertThat(Files.readString(named.get(0)))
          .as(b.name() + ": " + named.get(0) + " looks the block up to compare it")
          .contains("output-of " + b.argument());
    }
  }
}
