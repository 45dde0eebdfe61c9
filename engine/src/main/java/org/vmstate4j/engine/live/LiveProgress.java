package org.vmstate4j.engine.live;

/**
 * How far a live migration has come.
 *
 * @param bytes stream bytes received (or, for a sender, sent) so far
 * @param total the stream's length when known (a sender's file), else -1
 * @param ramPages RAM pages received so far (whole pages and pages of one repeated byte),
 *     counting a page again each time QEMU resends it; 0 for a sender
 * @param ramPasses RAM sections received (START, each PART, END): QEMU sends a PART about every
 *     50 ms, and more of them while a running guest keeps dirtying pages
 * @param complete whether the whole stream has arrived (what follows is decoding and, in a
 *     proxy, editing and forwarding the device state)
 */
public record LiveProgress(long bytes, long total, long ramPages, int ramPasses,
    boolean complete) {}
