package dev.wsmon.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder on 127.0.0.1 that ends a link (FIN both ways, no close frame) once no byte has crossed it in either
 * direction for a fixed idle time: what a load balancer's idle timeout does to a quiet WebSocket.
 */
public final class IdleKillingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final long idleNanos;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "idle-proxy-timer"));
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger killed = new AtomicInteger();

    private IdleKillingProxy(InetSocketAddress target, Duration idle) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.idleNanos = idle.toNanos();
        daemon(this::acceptLoop, "idle-proxy-accept").start();
    }

    public static IdleKillingProxy start(int targetPort, Duration idle) throws IOException {
        return new IdleKillingProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), idle);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Links ended for idleness so far. */
    public int killed() {
        return killed.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(target, 5000);
                sockets.add(client);
                sockets.add(server);
                AtomicLong last = new AtomicLong(System.nanoTime());
                daemon(() -> pump(client, server, last), "idle-proxy-up").start();
                daemon(() -> pump(server, client, last), "idle-proxy-down").start();
                watch(client, server, last);
            } catch (IOException e) {
                // closed, or the target refused: the client sees its socket end
            }
        }
    }

    private void watch(Socket client, Socket server, AtomicLong last) {
        long due = last.get() + idleNanos;
        timers.schedule(() -> {
            if (client.isClosed()) {
                return;
            }
            if (System.nanoTime() - last.get() >= idleNanos) {
                killed.incrementAndGet();
                finAndClose(client);
                finAndClose(server);
            } else {
                watch(client, server, last);
            }
        }, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private static void pump(Socket from, Socket to, AtomicLong last) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
                last.set(System.nanoTime());
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // the other pump or the timer closed the link
        }
    }

    private static void finAndClose(Socket s) {
        try {
            s.shutdownOutput();
        } catch (IOException e) {
            // already gone
        }
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        sockets.forEach(IdleKillingProxy::finAndClose);
        timers.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
