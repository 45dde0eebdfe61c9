package org.vmstate4j.console;

import java.util.List;
import org.jline.reader.CompletingParsedLine;

/**
 * The reader's view of the input for completion. Java is not split into shell words: the one
 * word is the text JShell will replace, from its anchor to the cursor. The suggestions are
 * computed once, by the parser, for the completer to hand out.
 */
final class SnippetLine implements CompletingParsedLine {
  private final String line;
  private final int cursor;
  private final int anchor;
  private final List<String> suggestions;

  SnippetLine(String line, int cursor, int anchor, List<String> suggestions) {
    this.line = line;
    this.cursor = cursor;
    this.anchor = anchor;
    this.suggestions = List.copyOf(suggestions);
  }

  List<String> suggestions() {
    return suggestions;
  }

  @Override
  public String word() {
    return line.substring(anchor, cursor);
  }

  @Override
  public int wordCursor() {
    return cursor - anchor;
  }

  @Override
  public int wordIndex() {
    return 0;
  }

  @Override
  public List<String> words() {
    return List.of(word());
  }

  @Override
  public String line() {
    return line;
  }

  @Override
  public int cursor() {
    return cursor;
  }

  // Java needs no shell-style escaping: candidates go in verbatim.
  @Override
  public CharSequence escape(CharSequence candidate, boolean complete) {
    return candidate;
  }

  @Override
  public int rawWordCursor() {
    return wordCursor();
  }

  @Override
  public int rawWordLength() {
    return cursor - anchor;
  }
}
