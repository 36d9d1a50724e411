package dev.wsmon.core.transport;

import dev.wsmon.core.TlsOptions;
import java.util.List;
import java.util.Locale;

/** A failed TLS handshake said as which side refused what. */
final class TlsFailures {

    /** RFC 8446 6.2 and RFC 5246 7.2.2: the alerts a server sends about the client's certificate. */
    private static final List<String> CLIENT_CERT_ALERTS = List.of("bad_certificate", "certificate_required",
            "unknown_ca", "certificate_unknown", "certificate_expired", "certificate_revoked",
            "unsupported_certificate", "access_denied");

    private TlsFailures() {
    }

    static String describe(Throwable error, TlsOptions tls) {
        for (Throwable c = error; c != null; c = c.getCause()) {
            if (c instanceof ServerTrust.Refused refused) {
                return refused.getMessage();
            }
        }
        for (Throwable c = error; c != null; c = c.getCause()) {
            String message = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
            if (!message.contains("received fatal alert")) {
                continue;
            }
            for (String alert : CLIENT_CERT_ALERTS) {
                if (message.contains(alert)) {
                    return tls.client()
                            .map(id -> "the server refused the client certificate " + id.subject() + " (TLS alert " + alert + ")")
                            .orElse("the server requires a client certificate (TLS alert " + alert
                                    + "); give one with --client-cert");
                }
            }
        }
        return JavaWebSocketTransport.describe(error);
    }
}
