package dev.wsmon.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A JDK TLS server on 127.0.0.1 that needs a client certificate and refuses, as a JDK or nginx server does, with
 * a proper TLS alert: the client's view of a refused (or missing) client certificate. It never speaks WebSocket.
 */
public final class ClientCertRefuser implements AutoCloseable {

    private final ServerSocket server;
    private final SSLContext context;
    private final Thread acceptor;

    private ClientCertRefuser(ServerSocket server, SSLContext context) {
        this.server = server;
        this.context = context;
        this.acceptor = new Thread(this::serve, "ClientCertRefuser");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @param context the server's key, and the CAs whose client certificates it would accept */
    public static ClientCertRefuser start(SSLContext context) {
        try {
            return new ClientCertRefuser(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri() {
        return URI.create("wss://localhost:" + server.getLocalPort() + "/");
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket raw = server.accept()) {
                SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(raw, null, false);
                s.setUseClientMode(false);
                s.setNeedClientAuth(true);
                try {
                    s.startHandshake();
                    s.getInputStream().read(); // TLS 1.3: the certificate is checked as the client's data arrives
                } catch (IOException refused) {
                    // Read what the client sent until it closes: closing with unread data would be an RST that
                    // can overtake the alert.
                    raw.setSoTimeout(5000);
                    raw.getInputStream().transferTo(OutputStream.nullOutputStream());
                }
            } catch (IOException e) {
                // closing
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            acceptor.join(5000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
