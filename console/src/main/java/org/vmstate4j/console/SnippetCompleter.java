package org.vmstate4j.console;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Hands JLine the suggestions {@link SnippetParser} got from JShell. */
final class SnippetCompleter implements Completer {
  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    if (!(line instanceof SnippetLine snippetLine)) {
      return;
    }
    for (String suggestion : snippetLine.suggestions()) {
      // "complete" would append a space, which is wrong after "substring(" or "java.util.".
      candidates.add(new Candidate(suggestion, suggestion, null, null, null, null, false));
    }
  }
}
