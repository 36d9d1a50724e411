package dev.wsmon.core.chaos;

/** What a {@link FaultProxy} does to the traffic of its links. */
public enum FaultMode {

    /** Forward bytes both ways, after the configured delays. */
    PASS,

    /**
     * Drop every byte silently, like a dead route: both connections stay open and nothing reaches either side, not
     * even FIN or RST. The proxy keeps reading so that neither sender sees a full window. FIN and RST are held, not
     * lost: they are forwarded once the mode forwards again; data read meanwhile is gone.
     */
    BLACKHOLE,

    /** Stop reading from both sides and forward nothing, so that senders fill their socket buffers and block. */
    STALL,

    /** Refuse new connections like a closed port (the proxy stops listening); live links keep passing. */
    REFUSE
}
