package dev.wsmon.core.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A TCP server on 127.0.0.1 for tests: it either echoes every connection or hands each one to the test. */
final class LoopbackServer implements AutoCloseable {

    private final ServerSocket server;
    private final boolean echo;
    private final BlockingQueue<Socket> handedOver = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private LoopbackServer(boolean echo) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.echo = echo;
        daemon("test-loopback-" + server.getLocalPort() + "-accept", this::acceptLoop);
    }

    /** A server that echoes every byte back and answers FIN with FIN. */
    static LoopbackServer echo() throws IOException {
        return new LoopbackServer(true);
    }

    /** A server whose connections the test takes with {@link #nextConnection()}. */
    static LoopbackServer manual() throws IOException {
        return new LoopbackServer(false);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** The next accepted connection (manual servers only), with a 10 s read timeout. */
    Socket nextConnection() throws InterruptedException {
        Socket socket = handedOver.poll(10, TimeUnit.SECONDS);
        if (socket == null) {
            throw new AssertionError("no connection reached the server within 10 s");
        }
        return socket;
    }

    @Override
    public void close() {
        closeQuietly(server);
        sockets.forEach(LoopbackServer::closeQuietly);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(10_000);
                sockets.add(socket);
                if (echo) {
                    daemon("test-loopback-echo-" + socket.getPort(), () -> echo(socket));
                } else {
                    handedOver.add(socket);
                }
            } catch (IOException e) {
                // Closed by close(): the loop ends.
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket) {
            socket.setSoTimeout(0);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            socket.shutdownOutput();
        } catch (IOException e) {
            // The peer went away: nothing to echo to.
        }
    }

    static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Test cleanup: nothing useful to do.
        }
    }
}
