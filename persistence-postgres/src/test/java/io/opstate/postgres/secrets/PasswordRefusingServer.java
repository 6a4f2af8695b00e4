package io.opstate.postgres.secrets;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server that speaks just enough of PostgreSQL's protocol to refuse every login as a wrong
 * password would: it declines SSL and GSS encryption, asks for a clear-text password, records
 * it, and answers {@code 28P01 password authentication failed}. The local test server trusts
 * every login, so it cannot show what a client does with a refused password. Closing stops it.
 */
final class PasswordRefusingServer implements AutoCloseable {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;
    private static final int CLEARTEXT_PASSWORD = 3;

    private final ServerSocket socket;
    private final List<String> passwordsReceived = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    PasswordRefusingServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptAll, "password-refusing-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The passwords clients sent, in order. */
    List<String> passwordsReceived() {
        return List.copyOf(passwordsReceived);
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(10_000);
                refuse(new DataInputStream(client.getInputStream()), new DataOutputStream(client.getOutputStream()));
            } catch (IOException e) {
                // the client went away or the server closed: wait for the next one
            }
        }
    }

    private void refuse(DataInputStream in, DataOutputStream out) throws IOException {
        while (true) {
            int length = in.readInt();
            int code = in.readInt();
            in.skipNBytes(length - 8);
            if (code != SSL_REQUEST && code != GSS_REQUEST) {
                break;
            }
            out.writeByte('N');
            out.flush();
        }
        out.writeByte('R');
        out.writeInt(8);
        out.writeInt(CLEARTEXT_PASSWORD);
        out.flush();
        if (in.readByte() != 'p') {
            return;
        }
        byte[] password = new byte[in.readInt() - 4];
        in.readFully(password);
        // NUL-terminated
        passwordsReceived.add(new String(password, 0, password.length - 1, StandardCharsets.UTF_8));
        byte[] fields = ("SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed for user \"app\"\0\0")
                .getBytes(StandardCharsets.UTF_8);
        out.writeByte('E');
        out.writeInt(4 + fields.length);
        out.write(fields);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
