package dev.alertmail.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server on 127.0.0.1 for what GreenMail cannot do: Resend's idempotency semantics,
 * STARTTLS, and faults chosen by the test (greeting 421, AUTH 454, DATA 451/535/…, a stall, a TLS
 * handshake cut short). It records every DATA transaction with its credentials, whether the session
 * was encrypted and the reply it got, and separately what it actually delivered. TLS uses
 * GreenMail's self-signed test certificate.
 *
 * <p>With {@link #resend()}, like Resend: a key seen before with the same payload is accepted and
 * not delivered again; with a different payload it is refused with {@code invalid_idempotent_request}.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** One DATA transaction as the server saw it. */
    public record Received(String data, String user, String password, boolean tls, String reply, String helo) {
        public jakarta.mail.internet.MimeMessage parse() {
            try {
                return new jakarta.mail.internet.MimeMessage(
                        null, new java.io.ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)));
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }

        public String header(String name) {
            for (String line : data.split("\r\n")) {
                if (line.isEmpty()) {
                    break;
                }
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return null;
        }
    }

    private final ServerSocket server;
    private final boolean offerStartTls;
    private final SSLContext ssl;
    private final Deque<String> dataReplies = new ConcurrentLinkedDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();
    private volatile String expectedUser;
    private volatile String expectedPassword;

    private volatile boolean stall;
    private final java.util.concurrent.CountDownLatch stalling = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean idempotent;
    private final java.util.Map<String, String> payloadByKey = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Received> delivered = new CopyOnWriteArrayList<>();
    private final Deque<String> greetings = new ConcurrentLinkedDeque<>();
    private final Deque<String> authReplies = new ConcurrentLinkedDeque<>();
    private final AtomicInteger handshakesToCut = new AtomicInteger();
    private final AtomicInteger authsToCut = new AtomicInteger();
    private final AtomicInteger authsToStall = new AtomicInteger();
    private final AtomicInteger connectionsToStall = new AtomicInteger();
    private volatile boolean down;

    private ScriptedSmtpServer(boolean offerStartTls, int port) throws IOException {
        this.offerStartTls = offerStartTls;
        this.ssl = offerStartTls ? sslContext() : null;
        this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "scripted-smtp-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static ScriptedSmtpServer plain() throws IOException {
        return new ScriptedSmtpServer(false, 0);
    }

    /** On a port chosen earlier: for "server down at start, then up" scenarios. */
    public static ScriptedSmtpServer plainOn(int port) throws IOException {
        return new ScriptedSmtpServer(false, port);
    }

    public static ScriptedSmtpServer withStartTls() throws IOException {
        return new ScriptedSmtpServer(true, 0);
    }

    /** A free loopback port with nothing listening on it (yet). */
    public static int unusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits until a client is connected and held by a stall: it is now stuck in a send. */
    public boolean awaitStalledClient(long timeout, java.util.concurrent.TimeUnit unit) throws InterruptedException {
        return stalling.await(timeout, unit);
    }

    /** Accepts connections but never says a word: the client must time out. */
    public ScriptedSmtpServer stall() {
        this.stall = true;
        return this;
    }

    /**
     * Behaves like Resend's idempotency: a key seen before with the same payload is accepted and
     * not delivered again; with a different payload it is refused with invalid_idempotent_request.
     */
    public ScriptedSmtpServer resend() {
        this.idempotent = true;
        return this;
    }

    /** The greetings of the next connections (e.g. {@code 421 4.3.2 Service not available}), which then end. */
    public ScriptedSmtpServer greet(String... replies) {
        greetings.addAll(List.of(replies));
        return this;
    }

    /** The replies to the next AUTH commands (e.g. {@code 454 4.7.0 Temporary authentication failure}). */
    public ScriptedSmtpServer replyToAuth(String... replies) {
        authReplies.addAll(List.of(replies));
        return this;
    }

    /** The next {@code n} AUTH commands get no reply: the server closes the connection (the client reads EOF). */
    public ScriptedSmtpServer cutAuth(int n) {
        authsToCut.set(n);
        return this;
    }

    /** The next {@code n} AUTH commands get no reply and the connection stays open: the client's read times out. */
    public ScriptedSmtpServer stallAuth(int n) {
        authsToStall.set(n);
        return this;
    }

    /** The next {@code n} connections are accepted and never answered. */
    public ScriptedSmtpServer stallConnections(int n) {
        connectionsToStall.set(n);
        return this;
    }

    /** Down: every connection is closed at once, until {@link #up()}. The key memory survives, as Resend's does. */
    public ScriptedSmtpServer down() {
        down = true;
        return this;
    }

    public ScriptedSmtpServer up() {
        down = false;
        return this;
    }

    /** The next {@code n} STARTTLS handshakes end at once: the client reads EOF mid-handshake. */
    public ScriptedSmtpServer cutTlsHandshakes(int n) {
        handshakesToCut.set(n);
        return this;
    }

    /** Messages the server delivered: each idempotency key once, refusals and duplicates left out. */
    public List<Received> delivered() {
        return delivered;
    }

    /** What {@link #delivered()} holds, parsed. */
    public jakarta.mail.internet.MimeMessage[] messages() {
        return delivered.stream().map(Received::parse).toArray(jakarta.mail.internet.MimeMessage[]::new);
    }

    /** DATA transactions refused because the key was used before with another payload: a lost alert. */
    public long refusedAsDifferentPayload() {
        return received.stream()
                .filter(r -> r.reply().contains("invalid_idempotent_request"))
                .count();
    }

    public int port() {
        return server.getLocalPort();
    }

    public ScriptedSmtpServer requireAuth(String user, String password) {
        this.expectedUser = user;
        this.expectedPassword = password;
        return this;
    }

    /** The replies to the next DATA commands, in order; after them the server answers 250. */
    public ScriptedSmtpServer replyToData(String... replies) {
        dataReplies.addAll(List.of(replies));
        return this;
    }

    public List<Received> received() {
        return received;
    }

    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "scripted-smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        Session session = new Session();
        try (Socket s = socket) {
            if (down) {
                return;
            }
            if (stall || connectionsToStall.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                stalling.countDown();
                while (s.getInputStream().read() >= 0) {
                    // hold the connection open, answer nothing
                }
                return;
            }
            session.attach(s);
            String greeting = greetings.poll();
            if (greeting != null) {
                session.reply(greeting);
                return;
            }
            session.reply("220 127.0.0.1 ESMTP scripted");
            String line;
            while ((line = session.in.readLine()) != null) {
                String upper = line.toUpperCase(java.util.Locale.ROOT);
                if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                    session.helo = line.substring(4).trim();
                }
                if (upper.startsWith("EHLO")) {
                    List<String> caps = new ArrayList<>(List.of("127.0.0.1", "8BITMIME"));
                    if (expectedUser != null) {
                        caps.add("AUTH PLAIN LOGIN");
                    }
                    if (offerStartTls && !session.tls) {
                        caps.add("STARTTLS");
                    }
                    for (int i = 0; i < caps.size(); i++) {
                        session.reply("250" + (i == caps.size() - 1 ? " " : "-") + caps.get(i));
                    }
                } else if (upper.startsWith("HELO")) {
                    session.reply("250 127.0.0.1");
                } else if (upper.equals("STARTTLS") && offerStartTls && !session.tls) {
                    session.reply("220 2.0.0 Ready to start TLS");
                    if (handshakesToCut.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        s.getInputStream().read(new byte[64]); // the start of the ClientHello, then nothing
                        return;
                    }
                    SSLSocket tlsSocket = (SSLSocket) ssl.getSocketFactory().createSocket(s, null, s.getPort(), false);
                    tlsSocket.setUseClientMode(false);
                    tlsSocket.startHandshake();
                    session.attach(tlsSocket);
                    session.tls = true;
                } else if (upper.startsWith("AUTH") && authsToCut.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    return; // closed right after the client's AUTH: EOF where the reply should be
                } else if (upper.startsWith("AUTH") && authsToStall.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    while (s.getInputStream().read() >= 0) {
                        // say nothing until the client gives up
                    }
                    return;
                } else if (upper.startsWith("AUTH") && !authReplies.isEmpty()) {
                    session.reply(authReplies.poll());
                } else if (upper.startsWith("AUTH PLAIN")) {
                    String arg = line.length() > 10 ? line.substring(10).trim() : "";
                    if (arg.isEmpty()) {
                        session.reply("334 ");
                        arg = session.in.readLine();
                    }
                    String[] parts = new String(Base64.getDecoder().decode(arg), StandardCharsets.UTF_8).split("\0");
                    session.authenticate(parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : "");
                } else if (upper.startsWith("AUTH LOGIN")) {
                    session.reply("334 VXNlcm5hbWU6");
                    String user = decode(session.in.readLine());
                    session.reply("334 UGFzc3dvcmQ6");
                    session.authenticate(user, decode(session.in.readLine()));
                } else if (upper.startsWith("MAIL FROM")) {
                    session.reply(
                            expectedUser != null && !session.authenticated
                                    ? "530 5.7.0 Authentication required"
                                    : "250 2.1.0 OK");
                } else if (upper.startsWith("RCPT TO")) {
                    session.reply("250 2.1.5 OK");
                } else if (upper.equals("DATA")) {
                    session.reply("354 End data with <CR><LF>.<CR><LF>");
                    StringBuilder data = new StringBuilder();
                    String d;
                    while ((d = session.in.readLine()) != null && !d.equals(".")) {
                        data.append(d.startsWith("..") ? d.substring(1) : d).append("\r\n");
                    }
                    String scripted = dataReplies.poll();
                    String reply = scripted == null ? "250 2.0.0 OK queued" : scripted;
                    if (scripted == null && idempotent) {
                        reply = idempotencyReply(data.toString());
                    }
                    Received r = new Received(
                            data.toString(), session.user, session.password, session.tls, reply, session.helo);
                    received.add(r);
                    if (reply.startsWith("250") && !reply.contains("already sent")) {
                        delivered.add(r);
                    }
                    session.reply(reply);
                } else if (upper.equals("RSET") || upper.equals("NOOP")) {
                    session.reply("250 2.0.0 OK");
                } else if (upper.equals("QUIT")) {
                    session.reply("221 2.0.0 Bye");
                    return;
                } else {
                    session.reply("502 5.5.2 Command not recognized");
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or the handshake failed: that is what some tests provoke
        } finally {
            open.remove(socket);
        }
    }

    private String idempotencyReply(String data) {
        String key = new Received(data, null, null, false, null, null).header("Resend-Idempotency-Key");
        String body = data.substring(data.indexOf("\r\n\r\n") + 4);
        String previous = key == null ? null : payloadByKey.putIfAbsent(key, body);
        if (previous == null) {
            return "250 2.0.0 OK queued";
        }
        return previous.equals(body)
                ? "250 2.0.0 OK already sent"
                : "550 5.7.0 invalid_idempotent_request: this idempotency key has been used with a different payload";
    }

    private static String decode(String b64) {
        return b64 == null ? "" : new String(Base64.getDecoder().decode(b64.trim()), StandardCharsets.UTF_8);
    }

    private final class Session {
        BufferedReader in;
        PrintWriter out;
        boolean tls;
        boolean authenticated;
        String helo;
        String user;
        String password;

        void attach(Socket s) throws IOException {
            InputStream is = s.getInputStream();
            OutputStream os = s.getOutputStream();
            in = new BufferedReader(new InputStreamReader(is, StandardCharsets.UTF_8));
            out = new PrintWriter(os, true, StandardCharsets.UTF_8);
        }

        void reply(String line) {
            out.print(line + "\r\n");
            out.flush();
        }

        void authenticate(String u, String p) {
            user = u;
            password = p;
            authenticated = u.equals(expectedUser) && p.equals(expectedPassword);
            reply(
                    authenticated
                            ? "235 2.7.0 Authentication successful"
                            : "535 5.7.8 Authentication credentials invalid");
        }
    }

    private static SSLContext sslContext() {
        try (InputStream p12 = ScriptedSmtpServer.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(p12, "changeit".toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "changeit".toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (open) {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
