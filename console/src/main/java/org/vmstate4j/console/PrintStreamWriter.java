package org.vmstate4j.console;

import java.io.PrintStream;
import java.io.Writer;

/**
 * A writer onto a print stream in the stream's own charset, so picocli's help and errors and the
 * commands' output share one stream in order (JDK 17's PrintStream does not expose its charset).
 */
final class PrintStreamWriter extends Writer {
  private final PrintStream stream;

  PrintStreamWriter(PrintStream stream) {
    this.stream = stream;
  }

  @Override
  public void write(char[] chars, int offset, int length) {
    stream.print(new String(chars, offset, length));
  }

  @Override
  public void write(String text) {
    stream.print(text);
  }

  @Override
  public void flush() {
    stream.flush();
  }

  /** The stream belongs to the caller; closing the writer only flushes it. */
  @Override
  public void close() {
    stream.flush();
  }
}
