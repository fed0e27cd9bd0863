package org.supportdesk.ticket;

/**
 * What a call with an {@code Idempotency-Key} made; {@code replayed} when an earlier call with the key made it (and
 * always false for a call without a key, or from a channel that has none).
 */
public record Keyed<T>(T value, boolean replayed) {
}
