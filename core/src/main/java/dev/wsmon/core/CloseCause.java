package dev.wsmon.core;

/** Why a connection ended, as one fixed token of the headless contract (cli-contract.md). */
public enum CloseCause {
    LOCAL_CLOSE("local-close"),
    REMOTE_CLOSE("remote-close"),
    KEEPALIVE_TIMEOUT("keepalive-timeout"),
    CLOSE_TIMEOUT("close-timeout"),
    OPEN_TIMEOUT("open-timeout"),
    RESET("reset"),
    EOF("eof"),
    CONNECT_FAILED("connect-failed"),
    TLS_FAILED("tls-failed"),
    PROXY_FAILED("proxy-failed"),
    HTTP_REJECTED("http-rejected"),
    PROTOCOL_ERROR("protocol-error"),
    MESSAGE_TOO_BIG("message-too-big"),
    SHUTDOWN("shutdown");

    private final String token;

    CloseCause(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
