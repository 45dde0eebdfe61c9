package org.vmstate4j.qemu;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What {@code query-migrate} says about a migration, on the source or the destination.
 *
 * @param status {@code none}, {@code setup}, {@code active}, {@code completed}, {@code failed},
 *     {@code cancelled}, ... (empty when no migration ran yet)
 * @param totalTimeMillis {@code total-time} (source only), or -1
 * @param transferredBytes {@code ram.transferred} (source only), or -1
 * @param error {@code error-desc} when QEMU gave one, or what the destination printed when it
 *     exited on a failed load; else null
 * @param raw the whole reply
 */
public record MigrationStatus(String status, long totalTimeMillis, long transferredBytes,
    @Nullable String error, JsonNode raw) {
  public MigrationStatus {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(raw, "raw");
  }

  /** Reads a {@code query-migrate} reply. */
  public static MigrationStatus of(JsonNode reply) {
    JsonNode err = reply.get("error-desc");
    return new MigrationStatus(reply.path("status").asString(""),
        reply.path("total-time").asLong(-1), reply.path("ram").path("transferred").asLong(-1),
        err == null ? null : err.asString(), reply);
  }

  /** A failure QEMU did not report through QMP (e.g. the destination exited). */
  public static MigrationStatus failed(String error, JsonNode raw) {
    return new MigrationStatus("failed", -1, -1, error, raw);
  }

  /** Whether the migration ended (completed, failed or cancelled). */
  public boolean finished() {
    return completed() || failed() || status.equals("cancelled");
  }

  public boolean completed() {
    return status.equals("completed");
  }

  public boolean failed() {
    return status.equals("failed");
  }

  @Override
  public String toString() {
    return status + (error == null ? "" : ": " + error)
        + (totalTimeMillis < 0 ? "" : ", total-time " + totalTimeMillis + " ms")
        + (transferredBytes < 0 ? "" : ", " + transferredBytes + " bytes");
  }
}
