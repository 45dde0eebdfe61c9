package org.vmstate4j.engine.json;

import tools.jackson.databind.JsonNode;

/**
 * Reading back QEMU's description of an array of pointers without AUTO_ALLOC, where it is wrong.
 *
 * <p>QEMU describes such an array in runs, one entry per run of populated elements
 * ({@code "array_len"} when the run is longer than one) and one per run of NULL elements (type
 * {@code "ptr-marker"}, {@code "nullptr"} in older trees), all under the field's name. It measures
 * a run only where null-ness changes, starting from "not NULL", so a leading populated run is
 * never measured and its entry claims the length of the whole array: {@code [A, NULL, B, C]} is
 * described as 4 elements, 1 marker, 2 elements (seven for four). Read literally, the marker and
 * what follows it are taken for elements of the first run.
 *
 * <p>The mistake shows in the description itself: the entries that follow with the same name
 * account for part of the claimed length. {@link #leadingRunEnd} gives the element count where
 * such a run really ends; a reader that finds the NULL marker ({@code 0x30}) there ends the run,
 * keeps the description as it is, and says so with {@link #note}.
 */
public final class PointerRuns {
  private PointerRuns() {}

  /**
   * For the entry at {@code index} of a {@code "fields"} list: the number of elements after
   * which its run ends if it is a leading populated run whose {@code array_len} claims the whole
   * array, or -1 when it is not such an entry (the description is then read as written).
   */
  public static long leadingRunEnd(JsonNode fields, int index) {
    if (!fields.isArray() || index + 1 >= fields.size()) {
      return -1;
    }
    JsonNode entry = fields.get(index);
    JsonNode next = fields.get(index + 1);
    long claimed = count(entry);
    if (claimed < 2 || isMarker(entry) || !isMarker(next) || !sameName(entry, next)) {
      return -1;
    }
    long rest = 0;
    for (int i = index + 1; i < fields.size() && sameName(entry, fields.get(i)); i++) {
      rest += count(fields.get(i));
      if (rest >= claimed) {
        // the later runs alone fill the claim: not the leading run QEMU leaves unmeasured
        return -1;
      }
    }
    return claimed - rest;
  }

  /** Whether an entry stands for NULL-or-present markers rather than for element data. */
  public static boolean isMarker(JsonNode entry) {
    String type = entry.path("type").asString("");
    return type.equals("ptr-marker") || type.equals("nullptr");
  }

  /**
   * What a reader says when it ended a run early: {@code claimed} elements described, a NULL
   * marker after {@code run}.
   */
  public static String note(long claimed, long run) {
    String elements = run == 1 ? " element" : " elements";
    return "the JSON description gives the first run of this array of pointers array_len "
        + claimed + ", the whole array's length (as QEMU writes it); a NULL marker follows after "
        + run + elements + ", so the run is read as " + run + elements;
  }

  private static long count(JsonNode entry) {
    JsonNode len = entry.get("array_len");
    if (len == null || !len.isIntegralNumber() || !len.canConvertToLong()) {
      return 1;
    }
    return Math.max(1, len.longValue());
  }

  private static boolean sameName(JsonNode a, JsonNode b) {
    JsonNode x = a.get("name");
    return x != null && x.equals(b.get("name"));
  }
}
