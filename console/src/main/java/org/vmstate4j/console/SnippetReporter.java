package org.vmstate4j.console;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import org.jspecify.annotations.Nullable;

/**
 * What the console prints for one evaluated snippet: its compile errors with the source lines,
 * the exception it threw, or (in normal feedback) {@code x ==> 5}, {@code created class Dev}.
 */
final class SnippetReporter {
  private final PrintStream out;
  private final PrintStream err;
  private final ShellSession.Feedback feedback;
  private final boolean verbose;

  SnippetReporter(PrintStream out, PrintStream err, ShellSession.Feedback feedback,
      boolean verbose) {
    this.out = out;
    this.err = err;
    this.feedback = feedback;
    this.verbose = verbose;
  }

  /** Prints {@code event}'s outcome; whether the snippet succeeded. */
  boolean report(JShell shell, SnippetEvent event, SourcePosition at) {
    Snippet snippet = event.snippet();
    if (event.status() == Snippet.Status.REJECTED) {
      List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError)
          .collect(Collectors.toList());
      if (errors.isEmpty()) {
        err.print(at.prefix() + "error: rejected: " + snippet.source().strip() + "\n");
      }
      for (Diag diag : errors) {
        err.print(CompileErrorRenderer.render(snippet.source(), diag.getStartPosition(),
            diag.getPosition(), diag.getEndPosition(), diag.getMessage(null), at));
      }
      err.flush();
      return false;
    }
    JShellException exception = event.exception();
    if (exception != null) {
      if (exception instanceof UnresolvedReferenceException unresolved) {
        DeclarationSnippet missing = unresolved.getSnippet();
        err.println(at.prefix() + "error: " + describe(missing) + " cannot be used until "
            + String.join(", ", shell.unresolvedDependencies(missing).collect(Collectors.toList()))
            + " is declared");
      } else {
        err.println(at.prefix() + ExceptionRenderer.oneLine(exception));
      }
      if (verbose) {
        err.print(ExceptionRenderer.trace(exception));
      }
      err.flush();
      return false;
    }
    if (feedback == ShellSession.Feedback.NORMAL) {
      String line = feedbackLine(shell, event);
      if (line != null) {
        out.println(line);
        out.flush();
      }
    }
    return true;
  }

  private static @Nullable String feedbackLine(JShell shell, SnippetEvent event) {
    Snippet snippet = event.snippet();
    String value = event.value();
    if (snippet instanceof VarSnippet variable) {
      return variable.name() + " ==> " + value + unresolvedNote(shell, snippet);
    }
    if (snippet instanceof ExpressionSnippet expression) {
      return expression.name() + " ==> " + value;
    }
    if (snippet instanceof TypeDeclSnippet || snippet instanceof MethodSnippet) {
      String verb = event.previousStatus() == Snippet.Status.NONEXISTENT ? "created " : "replaced ";
      return verb + describe((DeclarationSnippet) snippet) + unresolvedNote(shell, snippet);
    }
    return null;
  }

  private static String unresolvedNote(JShell shell, Snippet snippet) {
    if (!(snippet instanceof DeclarationSnippet declaration)) {
      return "";
    }
    List<String> missing = shell.unresolvedDependencies(declaration)
        .collect(Collectors.toList());
    return missing.isEmpty() ? ""
        : ", however, it cannot be used until " + String.join(", ", missing) + " is declared";
  }

  /** {@code class Dev}, {@code method reset(int)}, {@code variable x}. */
  static String describe(DeclarationSnippet snippet) {
    if (snippet instanceof MethodSnippet method) {
      return "method " + method.name() + "(" + method.parameterTypes() + ")";
    }
    if (snippet instanceof VarSnippet) {
      return "variable " + snippet.name();
    }
    return typeKeyword(snippet.subKind()) + " " + snippet.name();
  }

  static String typeKeyword(Snippet.SubKind subKind) {
    return switch (subKind) {
      case INTERFACE_SUBKIND -> "interface";
      case ENUM_SUBKIND -> "enum";
      case ANNOTATION_TYPE_SUBKIND -> "@interface";
      case RECORD_SUBKIND -> "record";
      default -> "class";
    };
  }
}
