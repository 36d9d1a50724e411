package dev.wsmon.app.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Set;

/**
 * What an evidence bundle is about: the connection's name as recorded, its definition (URL, headers, settings, session,
 * as a JSON object; redacted on the way into the bundle), and the secret values it holds (header values as written
 * and expanded, passwords, query tokens), which must appear nowhere in the bundle.
 */
public record BundleSubject(String conn, ObjectNode connection, Set<String> secrets) {

    public BundleSubject {
        Objects.requireNonNull(conn, "conn");
        Objects.requireNonNull(connection, "connection");
        secrets = Set.copyOf(secrets);
    }
}
