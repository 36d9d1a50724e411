package dev.wsmon.app.viewmodel;

/** What a log line is about; the event log filters by these. */
public enum LogKind {
    STATE("State"),
    CLOSE("Close"),
    RECONNECT("Reconnect"),
    SETTINGS("Settings"),
    MESSAGE("Messages"),
    KEEPALIVE("Keepalive"),
    HEALTH("Health"),
    SIMULATE("Simulate"),
    ALERT("Alerts"),
    ADVICE("Advice"),
    INFO("Info");

    private final String label;

    LogKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
