package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jline.reader.Candidate;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tab completion: JShell's suggestions, de-duplicated, as JLine receives them. */
class CompletionTest {
  private static ShellSession session;
  private static SnippetParser parser;

  @BeforeAll
  static void startSession() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    session = new ShellSession(sink, sink, ShellSession.Feedback.SILENT, false);
    parser = new SnippetParser(session, CommandRegistry.standard());
  }

  @AfterAll
  static void closeSession() {
    session.close();
  }

  private static List<String> complete(String line) {
    SnippetLine parsed = (SnippetLine) parser.parse(line, line.length(), ParseContext.COMPLETE);
    List<Candidate> candidates = new ArrayList<>();
    new SnippetCompleter().complete(null, parsed, candidates);
    return candidates.stream().map(Candidate::value).collect(Collectors.toList());
  }

  @Test
  void dslCallPrefixCompletesToTheDslMethods() {
    // field(...) is imported statically at start-up; its chain offers the wire types
    assertThat(complete("field(\"x\").uint")).containsExactly(
        "uint16()", "uint16Equal()", "uint32()", "uint32Equal()", "uint64()", "uint64Equal()",
        "uint8()", "uint8Equal()");
    assertThat(complete("field(\"q\").varrayUint32(\"n\").ofPo")).containsExactly("ofPointers()");
    assertThat(complete("field(\"q\").ofPointers().autoA")).containsExactly("autoAlloc(");
    assertThat(complete("vmsd(\"dev\", Object.class).minimumV")).containsExactly("minimumVersion(");
  }

  @Test
  void objectsMethodsAreLeftOutAfterADslCall() {
    List<String> all = complete("field(\"x\").");
    assertThat(all).contains("uint32()", "varrayUint32(")
        .doesNotContain("wait(", "notify()", "notifyAll()", "getClass()", "hashCode()",
            "equals(", "toString()");
    assertThat(complete("vmsd(\"dev\", Object.class).")).contains("build()")
        .doesNotContain("getClass()", "wait(");
    // asked for by name, they are there
    assertThat(complete("field(\"x\").toStr")).containsExactly("toString()");
    assertThat(complete("field(\"x\").wai")).containsExactly("wait(");
  }

  @Test
  void methodPrefixCompletesToEachOverloadOnce() {
    assertThat(complete("\"hello\".subs")).containsExactly("substring(");

    // String.valueOf has nine overloads; the reader must offer it once.
    assertThat(complete("String.valueO")).containsExactly("valueOf(");
  }

  @Test
  void wordIsTheTextJShellReplaces() {
    SnippetLine parsed = (SnippetLine) parser.parse("int n = \"hello\".subs", 20,
        ParseContext.COMPLETE);

    assertThat(parsed.word()).isEqualTo("subs");
    assertThat(parsed.wordCursor()).isEqualTo(4);
    assertThat(parsed.line()).isEqualTo("int n = \"hello\".subs");
  }

  @Test
  void jdkClassPrefixCompletesToClasses() {
    assertThat(complete("java.util.concurrent.ConcurrentHashM"))
        .containsExactly("ConcurrentHashMap");
    List<String> lists = complete("java.util.ArrayL");
    assertThat(lists).contains("ArrayList").doesNotHaveDuplicates();
  }

  @Test
  void snippetDefinitionsAndStartupImportsAreCompleted() {
    session.eval("class Uart { int baudRate; int baudDivisor() { return 1; } }",
        SourcePosition.INTERACTIVE);
    session.eval("var uart = new Uart();", SourcePosition.INTERACTIVE);

    // Methods without parameters come with both parentheses.
    assertThat(complete("uart.bau")).containsExactlyInAnyOrder("baudRate", "baudDivisor()");
    assertThat(complete("VmStateLoadExc")).containsExactly("VmStateLoadException");
  }

  @Test
  void commandNamesComplete() {
    assertThat(complete("/va")).containsExactly("/vars");
    assertThat(complete("/t")).containsExactlyInAnyOrder("/types", "/trace");
    assertThat(complete("/vars x")).isEmpty();
  }

  @Test
  void parserAsksForMoreLinesOnlyWhileASnippetIsUnfinished() {
    assertThat(session.isComplete("class Dev {")).isFalse();
    assertThat(session.isComplete("int x = 1 +")).isFalse();
    assertThat(session.isComplete("int x = 1")).isTrue();
    assertThat(session.isComplete("int a = 1; int b = 2;")).isTrue();
    assertThat(session.isComplete("int a = 1; class B {")).isFalse();
    assertThat(session.isComplete("")).isTrue();
  }
}
