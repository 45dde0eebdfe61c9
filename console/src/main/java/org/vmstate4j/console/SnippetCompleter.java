package org.vmstate4j.console;

import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Hands JLine the suggestions {@link SnippetParser} got from JShell. After a dot, the methods
 * every object has ({@code wait}, {@code notify}, {@code getClass}, ...) are left out: they
 * drown the few methods of a DSL call's result. Typed out far enough to match nothing else
 * ({@code .toStr}), they are offered.
 */
final class SnippetCompleter implements Completer {
  /** java.lang.Object's public methods, as JShell's continuations spell them. */
  static final Set<String> OBJECT_METHODS = Set.of("wait(", "wait()", "notify()", "notifyAll()",
      "getClass()", "hashCode()", "equals(", "toString()");

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    if (!(line instanceof SnippetLine snippetLine)) {
      return;
    }
    for (String suggestion : suggestions(snippetLine)) {
      // "complete" would append a space, which is wrong after "substring(" or "java.util.".
      candidates.add(new Candidate(suggestion, suggestion, null, null, null, null, false));
    }
  }

  static List<String> suggestions(SnippetLine line) {
    List<String> all = line.suggestions();
    int start = line.cursor() - line.wordCursor();
    boolean member = start > 0 && line.line().charAt(start - 1) == '.';
    if (!member) {
      return all;
    }
    List<String> own = all.stream().filter(s -> !OBJECT_METHODS.contains(s)).toList();
    return own.isEmpty() ? all : own;
  }
}
