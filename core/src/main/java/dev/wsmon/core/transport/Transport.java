package dev.wsmon.core.transport;

/**
 * One connection attempt's socket. A fresh transport per attempt: nothing of one attempt survives into
 * the next (a stale callback must not end a new attempt). Every method returns at once and never throws for a network condition; outcomes
 * reach the {@link TransportListener}.
 */
public interface Transport {

    /** Starts TCP connect, TLS and the HTTP upgrade in the background. */
    void connect();

    void sendText(String text);

    /** Sends a ping whose payload is {@code seq} as 8 bytes, big-endian. */
    void sendPing(long seq);

    void sendClose(int code, String reason);

    /**
     * Releases the attempt: with {@code abort}, resets the TCP connection at once (SO_LINGER 0), which
     * also unblocks a writer stuck on a full socket buffer; otherwise closes it in order.
     */
    void dispose(boolean abort);

    /** Bytes accepted by {@link #sendText} and the like that have not yet reached the kernel. */
    long pendingBytes();
}
