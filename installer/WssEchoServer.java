import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;

/**
 * A wss:// echo server on 127.0.0.1 for {@code smoke-test.sh}, run from source by the build JDK:
 * {@code java -cp 'lib/*' WssEchoServer.java KEYSTORE.p12 PASSWORD}. Prints its port on one line, then greets
 * each client and echoes text until killed. The smoke test gives it an EC key, so the handshake needs jdk.crypto.ec.
 */
public final class WssEchoServer extends WebSocketServer {

    private WssEchoServer() {
        super(new InetSocketAddress("127.0.0.1", 0));
    }

    public static void main(String[] args) throws Exception {
        char[] password = args[1].toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(args[0])) {
            keys.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        WssEchoServer server = new WssEchoServer();
        server.setWebSocketFactory(new DefaultSSLWebSocketServerFactory(tls));
        server.start();
    }

    @Override
    public void onStart() {
        System.out.println(getPort());
        System.out.flush();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        conn.send("hello over TLS");
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        conn.send(message);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(WebSocket conn, Exception e) {
        System.err.println("WssEchoServer: " + e);
    }
}
