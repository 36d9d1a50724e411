package dev.wsmon.app;

import dev.wsmon.core.Monitor;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * How both modes stop, in one place. Order: the engine first (every connection's close handshake; those not CLOSED
 * within the budget are aborted), then what the connections went through or talked to, in the order given (fault
 * proxies, the metrics endpoint, the demo server), so that no connection sees its path vanish before it has closed.
 * Budget: the longest close timeout of the running connections plus {@link #MARGIN}.
 */
public final class ShutdownPolicy {

    /** Added to the longest close timeout: time for the engine to report the last CLOSED events. */
    public static final Duration MARGIN = Duration.ofSeconds(1);

    private ShutdownPolicy() {
    }

    /** The time the engine is given to close every connection it monitors now. */
    public static Duration budget(Monitor monitor) {
        return monitor.connections().stream().map(c -> c.snapshot().settings().closeTimeout())
                .max(Duration::compareTo).orElse(Duration.ZERO).plus(MARGIN);
    }

    /**
     * Stops the engine within its {@link #budget}, then closes {@code after} in order. Never throws: a failure to
     * close one resource is reported and the next is still closed.
     *
     * @param warn receives one line per problem, for stderr
     * @return whether every connection reached CLOSED within the budget
     */
    public static boolean stop(Monitor monitor, List<? extends AutoCloseable> after, Consumer<String> warn) {
        Duration budget = budget(monitor);
        boolean closed = monitor.shutdown(budget);
        if (!closed) {
            warn.accept("some connections were not CLOSED within " + budget.toMillis() + " ms of the shutdown");
        }
        for (AutoCloseable resource : after) {
            try {
                resource.close();
            } catch (Exception e) {
                warn.accept("while stopping: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        return closed;
    }

}
