package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.vmstate4j.engine.VmStateLoadException;
import org.junit.jupiter.api.Test;

class ExceptionRendererTest {
  @Test
  void oneLineUsesTheSimpleNameAndTheMessage() {
    assertThat(ExceptionRenderer.oneLine(new IllegalStateException("boom")))
        .isEqualTo("IllegalStateException: boom");
  }

  @Test
  void vmStateExceptionsKeepTheirPathInTheOneLine() {
    VmStateLoadException e = new VmStateLoadException("Unexpected ptr marker", 18, "0x30", "0x50");
    e.under("head").under("[2]").under("sq").under("nvme-lite");

    assertThat(ExceptionRenderer.oneLine(e)).isEqualTo(
        "VmStateLoadException: " + e.getMessage())
        .contains("nvme-lite/sq[2]/head");
  }

  @Test
  void multiLineMessagesAreCutToTheirFirstLine() {
    assertThat(ExceptionRenderer.oneLine("a.b.Oops", "first\nsecond")).isEqualTo("Oops: first ...");
  }

  @Test
  void missingMessageFallsBackToTheCause() {
    RuntimeException wrapper = new RuntimeException(null, new IllegalArgumentException("inner"));

    assertThat(ExceptionRenderer.oneLine(wrapper)).isEqualTo("IllegalArgumentException: inner");
    assertThat(ExceptionRenderer.oneLine(new NullPointerException())).isEqualTo(
        "NullPointerException");
  }

  @Test
  void snippetWrapperNamesBecomeTheNamesUsersWrote() {
    assertThat(ExceptionRenderer.simpleName("REPL.$JShell$12$BadDevice")).isEqualTo("BadDevice");
    assertThat(ExceptionRenderer.oneLine("java.lang.NullPointerException",
        "Cannot read field \"x\" because \"REPL.$JShell$7.dev\" is null"))
        .isEqualTo("NullPointerException: Cannot read field \"x\" because \"dev\" is null");
    assertThat(ExceptionRenderer.oneLine("java.lang.ClassCastException",
        "class REPL.$JShell$12B$Dev cannot be cast to class java.lang.String"))
        .isEqualTo("ClassCastException: class Dev cannot be cast to class java.lang.String");
  }

  @Test
  void traceIncludesCauses() {
    Exception e = new IllegalStateException("outer", new java.io.IOException("disk"));

    assertThat(ExceptionRenderer.trace(e))
        .startsWith("java.lang.IllegalStateException: outer\n\tat ")
        .contains("Caused by: java.io.IOException: disk\n");
  }
}
