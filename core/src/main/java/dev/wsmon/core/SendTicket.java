package dev.wsmon.core;

import java.util.concurrent.CompletableFuture;

/**
 * A send's id, known at once, and its final outcome, known later; the same outcome is also published
 * as an event.
 */
public record SendTicket(long id, CompletableFuture<SendResult> outcome) {
}
