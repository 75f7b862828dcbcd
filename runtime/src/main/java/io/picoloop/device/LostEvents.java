package io.picoloop.device;

/**
 * Events that a watched input's listeners will never see.
 *
 * @param count    how many: with {@code onDevice}, edges the bridge dropped because its queue was full
 *                 ({@code ! lost <count> <seq>}); without, how many event lines (edges or lost reports, of
 *                 any pin) are missing between the device and this host, from a gap in {@code seq}
 * @param seq      the sequence number of the event that revealed the loss
 * @param onDevice true for a {@code ! lost} report, false for a gap in the sequence numbers
 *
 * <p>Either way the next edge carries the pin's true level (the bridge reports every watched pin's
 * level after a loss), so {@link WatchedInput#level()} does not stay wrong. A gap cannot be
 * attributed to one pin, so every watched input of the board reports it.
 */
public record LostEvents(long count, long seq, boolean onDevice) {
}
