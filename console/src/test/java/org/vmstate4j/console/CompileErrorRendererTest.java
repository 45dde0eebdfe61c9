package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompileErrorRendererTest {
  @Test
  void caretSpansTheOffendingToken() {
    String source = "int x = foo + 1;";

    assertThat(CompileErrorRenderer.render(source, 8, 8, 11, "cannot find symbol",
        SourcePosition.INTERACTIVE))
        .isEqualTo("error: cannot find symbol\n  int x = foo + 1;\n          ^-^\n");
  }

  @Test
  void singleCharacterPositionGetsOneCaret() {
    assertThat(CompileErrorRenderer.render("int x = 1 +;", 11, 11, 12, "illegal start",
        SourcePosition.INTERACTIVE)).endsWith("  int x = 1 +;\n             ^\n");
  }

  @Test
  void errorOnALaterLineShowsThatLineAndItsNumber() {
    String source = "class A {\n\tint x = y;\n}";
    int y = source.indexOf('y');

    assertThat(CompileErrorRenderer.render(source, y, y, y + 1, "cannot find symbol",
        new SourcePosition("dev.jsh", 10)))
        .isEqualTo("dev.jsh:11: error: cannot find symbol\n  \tint x = y;\n  \t        ^\n");
  }

  @Test
  void multiLineMessageIsIndentedAndWrapperLocationDropped() {
    String message = "cannot find symbol\n  symbol:   variable q\n  location: class";

    assertThat(CompileErrorRenderer.render("q", 0, 0, 1, message, SourcePosition.INTERACTIVE))
        .isEqualTo("error: cannot find symbol\n    symbol:   variable q\n  q\n  ^\n");
  }

  @Test
  void unknownPositionGivesTheMessageOnly() {
    assertThat(CompileErrorRenderer.render("x", -1, -1, -1, "bad", SourcePosition.INTERACTIVE))
        .isEqualTo("error: bad\n");
  }

  @Test
  void spanRunningPastTheLineIsCutAtTheLineEnd() {
    String source = "foo(1,\n  2)";

    assertThat(CompileErrorRenderer.render(source, 0, 3, source.length(), "no method",
        SourcePosition.INTERACTIVE)).endsWith("  foo(1,\n  ^--^\n");
  }
}
