package dev.wsmon.core.transport;

import dev.wsmon.core.HandshakePhase;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TCP socket of one attempt, owned by wsmon rather than by the library, so that it can be aborted
 * with an RST even while the library's writer is blocked on a full send buffer (Java-WebSocket's own
 * close waits behind queued data on a half-open link). It does TLS itself after TCP connect, counts the bytes handed
 * to the kernel, and remembers how reading ended (EOF or an error), which the library swallows.
 */
final class OwnedSocket extends Socket {

    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private final String host;
    private final int port;
    /** Null for ws://. */
    private final SSLSocketFactory tls;
    private final boolean verifyHostname;
    private final LongConsumer onWritten;
    /** Connect here instead of where the library asks (a fault proxy), or null. */
    private final InetSocketAddress via;
    /** The proxy's tunnel setup, or null to connect straight. */
    private final ProxyTunnel tunnel;
    private final HandshakeTimer timer;

    private volatile SSLSocket ssl;
    /** Set once TCP and TLS are up; before that, streams are the raw ones the TLS layer itself asks for. */
    private volatile boolean ready;
    private volatile boolean aborted;
    private volatile boolean readEof;
    private volatile IOException readFailure;
    private volatile IOException writeFailure;
    private InputStream in;
    private OutputStream out;
    private long written;

    OwnedSocket(String host, int port, SSLSocketFactory tls, boolean verifyHostname, LongConsumer onWritten,
                InetSocketAddress via, ProxyTunnel tunnel, HandshakeTimer timer) {
        this.via = via;
        this.timer = timer;
        this.tunnel = tunnel;
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.verifyHostname = verifyHostname;
        this.onWritten = onWritten;
    }

    /**
     * Ignored: the library passes its read chunk size here, and a fixed SO_RCVBUF would switch off the
     * kernel's window autotuning, which long fat links need.
     */
    @Override
    public void setReceiveBufferSize(int size) {
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (aborted) {
            throw new SocketException("attempt aborted");
        }
        if (tunnel == null) {
            SocketAddress target = via != null ? via
                    : endpoint instanceof InetSocketAddress a ? resolve(a) : endpoint;
            timer.begin(HandshakePhase.TCP);
            super.connect(target, timeout);
        } else {
            connectThroughProxy(timeout);
        }
        setTcpNoDelay(true); // Nagle would hold pings behind data: RTT p50 of 20+ ms instead of 0.3 ms
        if (tls != null) {
            SSLSocket s = (SSLSocket) tls.createSocket(this, host, port, false);
            if (verifyHostname) {
                SSLParameters params = s.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(params);
            }
            ssl = s;
            timer.begin(HandshakePhase.TLS);
            s.startHandshake();
        }
        if (aborted) {
            throw new SocketException("attempt aborted");
        }
        timer.begin(HandshakePhase.UPGRADE); // ends when the server's 101 has been read
        ready = true;
    }

    /** TCP to the proxy and the tunnel, on this socket, so that an abort resets it at any step. */
    private void connectThroughProxy(int timeout) throws IOException {
        try {
            InetSocketAddress first = via != null ? via
                    : resolve(InetSocketAddress.createUnresolved(tunnel.proxy().host(), tunnel.proxy().port()));
            timer.begin(HandshakePhase.TCP);
            super.connect(first, timeout);
        } catch (IOException e) {
            if (aborted) {
                throw e;
            }
            String why = e instanceof java.net.UnknownHostException ? "unknown host " + tunnel.proxy().host()
                    : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new ProxyFailedException(tunnel.name() + " could not be reached (" + why
                    + "): check the proxy's address and that it is running", 0, e);
        }
        setTcpNoDelay(true);
        try {
            timer.begin(HandshakePhase.PROXY);
            tunnel.open(this, host, port);
        } catch (ProxyFailedException e) {
            throw e;
        } catch (IOException e) {
            if (aborted) {
                throw e;
            }
            throw new ProxyFailedException(tunnel.name() + " broke off while setting up the tunnel ("
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                    + "): check the proxy's logs", 0, e);
        }
    }

    /**
     * Looks the host up, timed as the DNS phase; an IP literal needs no lookup and has none. The library hands
     * over the address unresolved, so that the lookup is timed here, on the engine's clock.
     */
    private InetSocketAddress resolve(InetSocketAddress address) throws UnknownHostException {
        if (!address.isUnresolved()) {
            return address;
        }
        String name = address.getHostString();
        if (name.indexOf(':') < 0 && !IPV4_LITERAL.matcher(name).matches()) {
            timer.begin(HandshakePhase.DNS);
        }
        return new InetSocketAddress(InetAddress.getByName(name), address.getPort());
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (!ready) {
            return super.getInputStream();
        }
        if (in == null) {
            in = new ObservedInput(ssl != null ? ssl.getInputStream() : super.getInputStream());
        }
        return in;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (!ready) {
            return super.getOutputStream();
        }
        if (out == null) {
            out = new CountedOutput(ssl != null ? ssl.getOutputStream() : super.getOutputStream());
        }
        return out;
    }

    /** Resets the connection at once: RST to the peer, every blocked read and write fails. Idempotent. */
    void abort() {
        aborted = true;
        try {
            setSoLinger(true, 0);
        } catch (IOException | RuntimeException e) {
            // Already closed, or never connected: closing below is all that is left to do.
        }
        closeQuietly();
    }

    /** Closes the TCP connection; the TLS layer is not closed, as its close can block behind a stuck writer. */
    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            super.close();
        } catch (IOException e) {
            // Nothing to recover: the descriptor is released either way.
        }
    }

    boolean aborted() {
        return aborted;
    }

    boolean readEof() {
        return readEof;
    }

    IOException readFailure() {
        return readFailure;
    }

    IOException writeFailure() {
        return writeFailure;
    }

    private final class ObservedInput extends FilterInputStream {
        ObservedInput(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                if (n < 0) {
                    readEof = true;
                }
                return n;
            } catch (IOException e) {
                if (readFailure == null) {
                    readFailure = e;
                }
                throw e;
            }
        }
    }

    private final class CountedOutput extends FilterOutputStream {
        CountedOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                if (writeFailure == null) {
                    writeFailure = e;
                }
                throw e;
            }
            written += len; // only the library's single writer thread writes
            onWritten.accept(written);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }
}
