package org.vmstate4j.engine.inspect;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Why an explained stream could not be read to its end.
 *
 * @param offset stream offset where the problem was detected (-1 when unknown)
 * @param path path of the failing item as the reader named it (may be empty)
 * @param message the reader's message, with expected and found values
 * @param lastGood the last item read completely, or null
 * @param context hex dump lines of the bytes around {@code offset}, the failing byte in brackets
 */
public record ExplainFailure(
    long offset, String path, String message, @Nullable ExplainItem lastGood,
    List<String> context) {
  public ExplainFailure {
    context = List.copyOf(context);
  }
}
