package dev.wsmon.core.diagnosis;

import dev.wsmon.core.CloseCause;
import dev.wsmon.core.CloseReport;
import dev.wsmon.core.Durations;
import dev.wsmon.core.Initiator;
import dev.wsmon.core.Settings;
import dev.wsmon.core.stats.LatencySummary;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a {@link CloseReport} into words: {@link #detail} is the short sentence of logs and the headless
 * {@code detail} field; {@link #explain} is what an operator reads, with a suggestion where one helps.
 * Pure functions: no state, never throw for any valid report.
 */
public final class CloseDiagnosis {

    /** Longest error or reason text quoted into a sentence; exception messages can be long. */
    static final int MAX_QUOTE = 200;

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\s]+");
    /** A leading {@code java.net.SocketException: } in an exception's text. */
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("^(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*:\\s*");
    private static final String RESET_DETAIL = "connection reset by peer (TCP RST)";

    private CloseDiagnosis() {
    }

    // ------------------------------------------------------------------------------------------ detail

    /** One short sentence, lower case and without a final period, e.g. {@code no pong for 1 s after ping #41; socket aborted}. */
    public static String detail(CloseReport r) {
        Objects.requireNonNull(r, "report");
        // An HTTP status only ever answers the upgrade: the phase would say nothing new.
        boolean phaseSaysMore = r.cause() != CloseCause.HTTP_REJECTED;
        String during = r.cause() == CloseCause.OPEN_TIMEOUT ? " during the " : "; failed during the ";
        return causeDetail(r) + r.phase().filter(p -> phaseSaysMore).map(p -> during + p.label()).orElse("");
    }

    private static String causeDetail(CloseReport r) {
        return switch (r.cause()) {
            case KEEPALIVE_TIMEOUT -> "no pong" + forWaited(r) + (r.pingSeq() >= 0 ? " after ping #" + r.pingSeq() : "")
                    + "; socket aborted";
            case CLOSE_TIMEOUT -> "close handshake not finished" + withinWaited(r) + "; socket aborted";
            case OPEN_TIMEOUT -> "connect, TLS and upgrade not finished" + withinWaited(r) + "; attempt aborted";
            case REMOTE_CLOSE -> "peer closed with " + describeCode(r.code()) + quotedReason(r);
            case LOCAL_CLOSE -> "closed by this monitor with " + describeCode(r.code()) + quotedReason(r);
            case RESET -> RESET_DETAIL + (addsToReset(r.error()) ? ": " + clean(r.error()) : "");
            case EOF -> "TCP connection closed without a close frame";
            case CONNECT_FAILED -> withError("could not connect", r.error());
            case TLS_FAILED -> withError("TLS handshake failed", r.error());
            case PROXY_FAILED -> withError("proxy failed", r.error());
            case HTTP_REJECTED -> (r.httpStatus() > 0
                    ? "server answered the upgrade with HTTP " + r.httpStatus()
                    : withError("server rejected the upgrade", r.error()))
                    + r.retryAfter().map(d -> "; retry after " + exact(d)).orElse("");
            case PROTOCOL_ERROR -> protocolErrorDetail(r);
            case MESSAGE_TOO_BIG -> r.initiator() == Initiator.REMOTE
                    ? "peer closed with " + describeCode(r.code()) + ": a message from this monitor exceeds the peer's limit"
                    : "received message exceeds the max message size; "
                            + (r.code() == CloseReport.ABNORMAL ? "connection aborted" : "closed with " + r.code());
            case SHUTDOWN -> "monitor shut down";
        };
    }

    private static String protocolErrorDetail(CloseReport r) {
        if (hasText(r.reason())) {
            return "protocol error: " + clean(r.reason());
        }
        if (hasText(r.error())) {
            return "protocol error: " + clean(r.error());
        }
        return r.code() == CloseReport.ABNORMAL ? "protocol error" : "protocol error; closed with " + describeCode(r.code());
    }

    // ----------------------------------------------------------------------------------------- explain

    /** What happened in plain words, and what to check or change where something helps. */
    public static Diagnosis explain(CloseReport r, Settings s) {
        return explain(r, s, null);
    }

    /**
     * As {@link #explain(CloseReport, Settings)}, using recent latency to make the keepalive advice
     * concrete (whether RTT p99 ran close to the ping timeout).
     *
     * @param recentLatency latency shortly before the close, or {@code null} when unknown
     */
    public static Diagnosis explain(CloseReport r, Settings s, LatencySummary recentLatency) {
        Objects.requireNonNull(r, "report");
        Objects.requireNonNull(s, "settings");
        return switch (r.cause()) {
            case KEEPALIVE_TIMEOUT -> keepaliveTimeout(r, s, recentLatency);
            case CLOSE_TIMEOUT -> closeTimeout(r, s);
            case OPEN_TIMEOUT -> new Diagnosis(
                    "The connection was not established in time: TCP connect, TLS and the HTTP upgrade did not finish within "
                            + "the open timeout (" + waitedOr(r, s.openTimeout()) + "), so wsmon aborted the attempt"
                            + r.phase().map(p -> " during the " + p.label()).orElse("") + ".",
                    Optional.of("The server is slow or unreachable (a firewall that drops packets looks the same): check that "
                            + "it is up and reachable from here; if it is only slow to accept, raise the open timeout."));
            case REMOTE_CLOSE -> remoteClose(r, s);
            case LOCAL_CLOSE -> new Diagnosis(
                    "wsmon closed the connection itself with code " + describeCode(r.code())
                            + (hasText(r.reason()) ? " and reason " + quote(r.reason()) : "") + ": a deliberate close, not a failure.",
                    Optional.empty());
            case RESET -> new Diagnosis(
                    "The TCP connection was reset (RST) without a WebSocket close: the server, or a proxy, firewall or load "
                            + "balancer in between, dropped it abruptly" + (addsToReset(r.error()) ? " (" + clean(r.error()) + ")" : "") + ".",
                    Optional.of("Check the server's logs for a crash or restart, and any proxy or load balancer in between "
                            + "for idle or connection limits."));
            case EOF -> new Diagnosis(
                    "The TCP connection was closed without a WebSocket close frame: the server, or something in between, "
                            + "ended it without the close handshake.",
                    Optional.of("Check the server's logs, and any proxy or load balancer in between: an idle timeout shorter "
                            + "than the ping interval (" + exact(s.pingInterval()) + ") ends connections this way."));
            case CONNECT_FAILED -> new Diagnosis(
                    sentence(withError("wsmon could not open a TCP connection to the server", r.error())),
                    Optional.of("Check the host name and port, DNS, and any firewall between here and the server"
                            + (r.error().toLowerCase(Locale.ROOT).contains("refused")
                                    ? "; a refused connection means nothing listens on that port." : ".")));
            case TLS_FAILED -> new Diagnosis(
                    sentence(withError("The TLS handshake with the server failed", r.error())),
                    Optional.of("This is usually a certificate problem: check that the host name matches the certificate and "
                            + "that the chain is complete and trusted by this Java runtime. The insecure option skips these "
                            + "checks: use it only for testing."));
            case PROXY_FAILED -> new Diagnosis(
                    sentence(withError("The attempt failed at the proxy, before reaching the server", r.error())),
                    Optional.of(r.httpStatus() == 407 || r.httpStatus() == 401
                            ? "The proxy wants credentials: give user:password@ in the proxy URL, or check them."
                            : r.httpStatus() > 0
                                    ? "The proxy answered HTTP " + r.httpStatus() + ": check its access rules and its logs."
                                    : "Check the proxy's address and that it is running, or turn the proxy off (--proxy none)."));
            case HTTP_REJECTED -> httpRejected(r, s);
            case PROTOCOL_ERROR -> new Diagnosis(
                    "The connection was closed for a WebSocket protocol error"
                            + (hasText(r.reason()) ? ": " + clean(r.reason()) : hasText(r.error()) ? ": " + clean(r.error()) : "")
                            + (r.code() == CloseReport.ABNORMAL ? "." : " (code " + describeCode(r.code()) + ")."),
                    Optional.of(protocolErrorAdvice(r.reason() + " " + r.error())));
            case MESSAGE_TOO_BIG -> messageTooBig(r, s);
            case SHUTDOWN -> new Diagnosis("wsmon was shutting down and closed the connection.", Optional.empty());
        };
    }

    /** What to check, by what the server got wrong (the transport's words name it). */
    private static String protocolErrorAdvice(String what) {
        if (what.contains("subprotocol")) {
            return "The server chose a subprotocol this monitor did not ask for: request the one it speaks (subprotocol "
                    + "option), or check that the URL points at the endpoint you mean.";
        }
        if (what.contains("extension")) {
            return "The server turned on an extension (such as compression) this monitor did not offer: the server must "
                    + "not do that; check its WebSocket configuration.";
        }
        if (what.contains("101 response") || what.contains("upgrade response") || what.contains("Sec-WebSocket-Accept")
                || what.contains("instead of HTTP/1.1")) {
            return "Something that is not a WebSocket server answered the upgrade: check the URL, and any proxy or load "
                    + "balancer in between that may rewrite or answer the request itself.";
        }
        return "The server's WebSocket implementation broke the protocol: check that no proxy in between rewrites the "
                + "traffic, and report it to the server's maintainers; the server's logs may say more.";
    }

    private static Diagnosis keepaliveTimeout(CloseReport r, Settings s, LatencySummary recent) {
        Duration timeout = positive(r.waited()) ? r.waited() : s.pingTimeout();
        String timeoutText = waitedOr(r, s.pingTimeout());
        String summary = "The peer or the network went silent: "
                + (r.pingSeq() >= 0 ? "ping #" + r.pingSeq() : "a keepalive ping")
                + " got no pong within the ping timeout (" + timeoutText
                + "), so wsmon aborted the TCP connection instead of waiting for the operating system.";
        Optional<Duration> p99 = recent == null ? Optional.empty() : recent.p99();
        String suggestion;
        if (p99.isPresent() && p99.get().multipliedBy(2).compareTo(timeout) >= 0) {
            suggestion = "Round-trip times ran close to the ping timeout (RTT p99 " + fmt(p99.get()) + " against "
                    + timeoutText + "): raise the ping timeout, and check what slows the network path.";
        } else {
            suggestion = "Check the network path to the server (Wi-Fi, VPN, proxies, NAT or load-balancer idle timeouts) "
                    + "and whether the server is overloaded"
                    + p99.map(p -> " (RTT p99 was " + fmt(p) + ", well under the ping timeout)").orElse(
                            "; if RTT p99 runs close to the ping timeout (" + timeoutText + "), raise the ping timeout")
                    + ".";
        }
        return new Diagnosis(summary, Optional.of(suggestion));
    }

    private static Diagnosis closeTimeout(CloseReport r, Settings s) {
        String timeout = waitedOr(r, s.closeTimeout());
        String summary;
        if (r.handshakeCompleted()) {
            summary = "Close frames went both ways but the server did not close the TCP connection within the close timeout ("
                    + timeout + "), so wsmon aborted it.";
        } else if (r.initiator() == Initiator.REMOTE) {
            summary = "The server started the close handshake but did not finish it within the close timeout (" + timeout
                    + "), so wsmon aborted the TCP connection.";
        } else {
            summary = "wsmon sent a close frame but the server did not answer it within the close timeout (" + timeout
                    + "), so wsmon aborted the TCP connection instead of waiting on the server.";
        }
        return new Diagnosis(summary, Optional.of("The server is not completing the close handshake: check that it answers "
                + "close frames and closes its side (it may be overloaded or not reading); lower the close timeout to give up sooner."));
    }

    private static Diagnosis remoteClose(CloseReport r, Settings s) {
        String summary = "The server closed the connection with code " + describeCode(r.code())
                + (hasText(r.reason()) ? " and reason " + quote(r.reason()) : "") + "."
                + (r.handshakeCompleted() ? "" : " The TCP connection ended before the close handshake finished.");
        String reconnect = s.autoReconnect()
                ? "; wsmon reconnects after a delay, nothing to do unless it keeps happening."
                : "; automatic reconnect is off, so connect again when it is back.";
        int code = r.code();
        String suggestion = switch (code) {
            case 1001 -> "The server is going away (shutting down or restarting)" + reconnect;
            case 1002 -> "The server says the protocol was broken: check for a proxy in between that rewrites the traffic, "
                    + "and the server's logs.";
            case 1003 -> "The server does not accept that kind of data (text or binary): check what is sent to it.";
            case 1007 -> "The server found invalid data in a message (e.g. text that is not UTF-8): check what is sent to it.";
            case 1008 -> "The server's policy refused the connection: check the headers and credentials it expects "
                    + "(Authorization, cookies, Origin).";
            case 1009 -> "A message sent was larger than the server accepts: send smaller messages or raise the server's limit.";
            case 1011 -> "The server hit an internal error: check its logs.";
            case 1012 -> "The server is restarting" + reconnect;
            case 1013 -> "The server is overloaded and asks to try again later" + reconnect;
            case 1014 -> "A gateway in front of the server could not reach it: check the gateway and the server behind it.";
            default -> code >= 3000 && code <= 4999
                    ? "Code " + code + " is defined by the application: look it up in the server's documentation."
                    : null;
        };
        return new Diagnosis(summary, Optional.ofNullable(suggestion));
    }

    private static Diagnosis httpRejected(CloseReport r, Settings s) {
        int status = r.httpStatus();
        String retry = r.retryAfter().map(d -> " and asked to retry after " + exact(d)).orElse("");
        String summary = status > 0
                ? "The server refused the WebSocket upgrade: it answered HTTP " + status + httpName(status)
                        + " instead of 101 Switching Protocols" + retry + "."
                : sentence(withError("The server refused the WebSocket upgrade", r.error()));
        String backoff = !s.autoReconnect() ? "; automatic reconnect is off."
                : r.retryAfter().isPresent() ? "; wsmon waits as long as it asks before reconnecting."
                : "; wsmon backs off before reconnecting.";
        String suggestion = switch (status) {
            case 401, 403 -> "The server refused access: check the credentials and headers sent with the upgrade "
                    + "(Authorization, cookies, Origin).";
            case 404 -> "Nothing answers on that path: check the URL's path.";
            case 400 -> "The server did not accept the upgrade request: check the URL, the headers and the requested subprotocols.";
            case 200 -> "The URL answers plain HTTP, not WebSocket: check the path, and whether a proxy strips the Upgrade header.";
            case 301, 302, 303, 307, 308 -> "The server redirects elsewhere and wsmon does not follow redirects: use the target URL.";
            case 429, 503 -> "The server is shedding load" + backoff;
            case 500, 502, 504 -> "The server, or a gateway in front of it, failed: check their logs.";
            default -> "Check that the URL points at a WebSocket endpoint.";
        };
        return new Diagnosis(summary, Optional.of(suggestion));
    }

    private static Diagnosis messageTooBig(CloseReport r, Settings s) {
        if (r.initiator() == Initiator.REMOTE) {
            return new Diagnosis("The server closed the connection with code " + describeCode(r.code())
                    + ": a message wsmon sent is larger than the server accepts.",
                    Optional.of("Send smaller messages, or raise the server's limit."));
        }
        return new Diagnosis("The server sent a message larger than the max message size (" + bytes(s.maxMessageSize())
                + "), so wsmon closed the connection"
                + (r.code() == CloseReport.ABNORMAL ? "." : " with code " + describeCode(r.code()) + "."),
                Optional.of("If messages that large are expected, raise the max message size (it applies from the next "
                        + "connection attempt)."));
    }

    // ----------------------------------------------------------------------------------------- codes

    /** The name of a close code: {@code normal closure} for 1000, {@code application-defined} for 3000-4999. */
    public static Optional<String> codeName(int code) {
        String name = switch (code) {
            case 1000 -> "normal closure";
            case 1001 -> "going away";
            case 1002 -> "protocol error";
            case 1003 -> "unsupported data";
            case 1005 -> "no status";
            case 1006 -> "abnormal closure";
            case 1007 -> "invalid payload";
            case 1008 -> "policy violation";
            case 1009 -> "message too big";
            case 1010 -> "mandatory extension";
            case 1011 -> "internal error";
            case 1012 -> "service restart";
            case 1013 -> "try again later";
            case 1014 -> "bad gateway";
            case 1015 -> "TLS handshake";
            default -> code >= 3000 && code <= 4999 ? "application-defined" : null;
        };
        return Optional.ofNullable(name);
    }

    /** A close code with its name where it has one: {@code 1000 (normal closure)}, or just {@code 2999}. */
    public static String describeCode(int code) {
        return codeName(code).map(name -> code + " (" + name + ")").orElse(Integer.toString(code));
    }

    private static String httpName(int status) {
        String name = switch (status) {
            case 200 -> "OK";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 426 -> "Upgrade Required";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> null;
        };
        return name == null ? "" : " (" + name + ")";
    }

    // ---------------------------------------------------------------------------------------- helpers

    private static String forWaited(CloseReport r) {
        return positive(r.waited()) ? " for " + fmt(r.waited()) : "";
    }

    private static String withinWaited(CloseReport r) {
        return positive(r.waited()) ? " within " + fmt(r.waited()) : " in time";
    }

    /** The measured wait, or the configured limit when nothing was measured. */
    private static String waitedOr(CloseReport r, Duration configured) {
        return positive(r.waited()) ? fmt(r.waited()) : exact(configured);
    }

    private static boolean positive(Duration d) {
        return !d.isZero() && !d.isNegative();
    }

    private static String quotedReason(CloseReport r) {
        return hasText(r.reason()) ? " " + quote(r.reason()) : "";
    }

    private static String withError(String what, String error) {
        return hasText(error) ? what + ": " + clean(error) : what;
    }

    /** Whether an error says more than "connection reset" does. */
    private static boolean addsToReset(String error) {
        if (!hasText(error)) {
            return false;
        }
        String plain = EXCEPTION_PREFIX.matcher(clean(error)).replaceFirst("").toLowerCase(Locale.ROOT).replaceAll("[.!]+$", "");
        return !plain.isEmpty() && !RESET_DETAIL.toLowerCase(Locale.ROOT).contains(plain);
    }

    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    private static String quote(String text) {
        return "\"" + clean(text) + "\"";
    }

    /** One line, no control characters, at most {@link #MAX_QUOTE} characters. */
    static String clean(String text) {
        String line = CONTROL.matcher(text).replaceAll(" ").trim();
        if (line.length() <= MAX_QUOTE) {
            return line;
        }
        int cut = MAX_QUOTE - 1;
        if (Character.isHighSurrogate(line.charAt(cut - 1))) {
            cut--; // never split a surrogate pair
        }
        return line.substring(0, cut).trim() + "…";
    }

    private static boolean hasText(String text) {
        return !text.isBlank();
    }

    /** A measured duration, to about three significant digits. */
    private static String fmt(Duration d) {
        return Durations.measured(d);
    }

    /** A configured duration, or one a server asked for in whole seconds: exactly. */
    private static String exact(Duration d) {
        return Durations.format(d);
    }

    private static String bytes(long n) {
        if (n >= 1024 * 1024 && n % (1024 * 1024) == 0) {
            return n / (1024 * 1024) + " MiB";
        }
        if (n >= 1024 && n % 1024 == 0) {
            return n / 1024 + " KiB";
        }
        return n + " bytes";
    }
}
