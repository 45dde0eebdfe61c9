package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The README's {@code packages} blocks (Mermaid flowcharts) against the code: every node
 * {@code id["engine.io"]} names a package {@code org.vmstate4j.engine.io} that has main sources
 * in some module, and every arrow {@code a --> b} is an import of a class of b's package by a
 * file of a's package.
 */
class ReadmeDiagramTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern NODE = Pattern.compile("(\\w+)\\[\"([a-z0-9.]+)\"]");
  private static final Pattern ARROW = Pattern.compile("(\\w+)\\s*-->\\s*(\\w+)");

  @TestFactory
  Stream<DynamicTest> packageDiagramsMatchTheCode() {
    List<ReadmeTest.Block> blocks = ReadmeTest.blocks("packages").toList();
    assertThat(blocks).isNotEmpty();
    return blocks.stream().map(b -> DynamicTest.dynamicTest(b.name(), () -> check(b)));
  }

  private static void check(ReadmeTest.Block b) {
    Map<String, String> nodes = new LinkedHashMap<>();
    for (String line : b.lines()) {
      Matcher m = NODE.matcher(line);
      while (m.find()) {
        nodes.put(m.group(1), m.group(2));
      }
    }
    assertThat(nodes).isNotEmpty();
    nodes.values().forEach(p ->
        assertThat(sources(p)).as("main sources of org.vmstate4j.%s", p).isNotEmpty());
    int arrows = 0;
    for (String line : b.lines()) {
      Matcher m = ARROW.matcher(line.replaceAll("\\[\"[^\"]*\"]", ""));
      while (m.find()) {
        String from = nodes.get(m.group(1));
        String to = nodes.get(m.group(2));
        assertThat(from).as("node %s", m.group(1)).isNotNull();
        assertThat(to).as("node %s", m.group(2)).isNotNull();
        assertThat(imports(from, to)).as("a file of %s imports %s", from, to).isTrue();
        arrows++;
      }
    }
    assertThat(arrows).isPositive();
  }

  /** The .java files of package {@code org.vmstate4j.<name>} in every module's src/main/java. */
  private static List<Path> sources(String name) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.toList()) {
        Path dir = module.resolve("src/main/java/org/vmstate4j").resolve(name.replace('.', '/'));
        if (Files.isDirectory(dir)) {
          try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(out::add);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static boolean imports(String from, String to) {
    Pattern use = Pattern.compile("^import (static )?org\\.vmstate4j\\." + Pattern.quote(to)
        + "\\.[A-Z]", Pattern.MULTILINE);
    for (Path f : sources(from)) {
      try {
        if (use.matcher(Files.readString(f, StandardCharsets.UTF_8)).find()) {
          return true;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return false;
  }
}
