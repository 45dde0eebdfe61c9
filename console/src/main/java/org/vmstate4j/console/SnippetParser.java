package org.vmstate4j.console;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Tells JLine when the input is finished (JShell's own completeness analysis, so an open class
 * body continues on the next line) and where a completion word starts (JShell's anchor).
 */
final class SnippetParser implements Parser {
  private final ShellSession session;
  private final CommandRegistry commands;

  SnippetParser(ShellSession session, CommandRegistry commands) {
    this.session = session;
    this.commands = commands;
  }

  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE) {
      if (!CommandRegistry.isCommand(line) && !session.isComplete(line)) {
        // JLine shows the continuation prompt and keeps reading into the same buffer.
        throw new EOFError(-1, cursor, "unfinished snippet");
      }
      return new SnippetLine(line, cursor, cursor, List.of());
    }
    if (context == ParseContext.COMPLETE) {
      return completing(line, cursor);
    }
    return new SnippetLine(line, cursor, cursor, List.of());
  }

  private SnippetLine completing(String line, int cursor) {
    if (CommandRegistry.isCommand(line)) {
      String head = line.substring(0, cursor);
      int start = head.indexOf('/');
      if (head.substring(start).chars().anyMatch(Character::isWhitespace)) {
        return new SnippetLine(line, cursor, cursor, List.of()); // arguments: nothing to offer
      }
      List<String> names = new ArrayList<>();
      for (String name : commands.names()) {
        if (name.startsWith(head.substring(start))) {
          names.add(name);
        }
      }
      return new SnippetLine(line, cursor, start, names);
    }
    int[] anchor = new int[1];
    List<String> suggestions = session.completions(line, cursor, anchor);
    int start = anchor[0] >= 0 && anchor[0] <= cursor ? anchor[0] : cursor;
    return new SnippetLine(line, cursor, start, suggestions);
  }

  // The reader must not treat backslashes or quotes as shell escapes in Java source.
  @Override
  public boolean isEscapeChar(char ch) {
    return false;
  }
}
