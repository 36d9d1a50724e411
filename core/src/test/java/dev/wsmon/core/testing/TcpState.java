package dev.wsmon.core.testing;

/** TCP states with the codes the Linux kernel prints in the {@code st} column of {@code /proc/net/tcp}. */
public enum TcpState {
    ESTABLISHED(0x01),
    SYN_SENT(0x02),
    SYN_RECV(0x03),
    FIN_WAIT1(0x04),
    FIN_WAIT2(0x05),
    TIME_WAIT(0x06),
    CLOSE(0x07),
    CLOSE_WAIT(0x08),
    LAST_ACK(0x09),
    LISTEN(0x0A),
    CLOSING(0x0B),
    /** Kernel-internal request socket; /proc shows those as SYN_RECV, listed so no code is unknown. */
    NEW_SYN_RECV(0x0C);

    private final int code;

    TcpState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a code the kernel does not define */
    public static TcpState ofCode(int code) {
        for (TcpState state : values()) {
            if (state.code == code) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown TCP state code 0x" + Integer.toHexString(code));
    }
}
