package org.supportdesk.reliability;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The desk's mail servers, owned by the harness: GreenMail (SMTP {@value #SMTP_PORT}, IMAP {@value #IMAP_PORT}) with
 * the support mailboxes, and a TCP proxy on {@value #PROXY_PORT} in front of its SMTP that the nodes send through:
 * closing the proxy is an SMTP outage (connections refused, open ones cut).
 */
final class MailServers implements AutoCloseable {

    static final int SMTP_PORT = 4625;
    static final int IMAP_PORT = 4743;
    static final int PROXY_PORT = 4626;
    static final String SUPPORT = "support@support.example";
    static final String EXTENDED_SUPPORT = "extended-support@support.example";
    static final String SMTP_LOGIN = "desk";
    static final String SMTP_PASSWORD = "desk-smtp-secret";
    static final String SUPPORT_PASSWORD = "support-imap-secret";
    static final String EXTENDED_SUPPORT_PASSWORD = "extended-imap-secret";
    /** The receiving server's authserv-id, trusted by the nodes. */
    static final String AUTHSERV_ID = "mx.reliability.example";

    final GreenMail greenMail;
    private final SmtpProxy proxy;

    MailServers() {
        greenMail = new GreenMail(new ServerSetup[]{
                new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        greenMail.setUser("desk@support.example", SMTP_LOGIN, SMTP_PASSWORD);
        greenMail.setUser(SUPPORT, "support", SUPPORT_PASSWORD);
        greenMail.setUser(EXTENDED_SUPPORT, "extended-support", EXTENDED_SUPPORT_PASSWORD);
        proxy = new SmtpProxy(PROXY_PORT, SMTP_PORT);
        proxy.open();
    }

    /** SMTP outage: the proxy refuses connections and cuts the open ones. */
    void smtpDown() {
        proxy.close();
    }

    void smtpUp() {
        proxy.open();
    }

    /**
     * Delivers raw RFC 822 bytes to {@code mailbox} as the receiving server would: with its Authentication-Results
     * header (DMARC passed for the From domain) on top.
     */
    void deliver(byte[] raw, String envelopeFrom, String... mailboxes) {
        String domain = envelopeFrom.substring(envelopeFrom.indexOf('@') + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 200);
        out.writeBytes(("Authentication-Results: " + AUTHSERV_ID + "; dmarc=pass (p=reject dis=none) header.from="
                + domain + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(SMTP_PORT));
        properties.put("mail.smtp.from", envelopeFrom);
        Session session = Session.getInstance(properties);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(out.toByteArray()));
            List<Address> to = new ArrayList<>();
            for (String mailbox : mailboxes) {
                to.add(new InternetAddress(mailbox));
            }
            transport.sendMessage(message, to.toArray(Address[]::new));
        } catch (MessagingException e) {
            throw new IllegalStateException("SMTP delivery failed", e);
        }
    }

    /** A plain text customer mail. */
    static byte[] mail(String from, String to, List<String> cc, String subject, String messageId, String inReplyTo,
                       String text) {
        StringBuilder raw = new StringBuilder();
        raw.append("From: ").append(from).append("\r\nTo: ").append(to).append("\r\n");
        if (!cc.isEmpty()) {
            raw.append("Cc: ").append(String.join(", ", cc)).append("\r\n");
        }
        raw.append("Subject: ").append(subject).append("\r\nMessage-ID: ").append(messageId)
                .append("\r\nDate: ").append(new jakarta.mail.internet.MailDateFormat().format(new java.util.Date()))
                .append("\r\n");
        if (inReplyTo != null) {
            raw.append("In-Reply-To: ").append(inReplyTo).append("\r\nReferences: ").append(inReplyTo).append("\r\n");
        }
        raw.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n").append(text).append("\r\n");
        return raw.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** What the server stored in {@code recipient}'s mailbox: subject and Message-ID of each message. */
    List<Received> receivedBy(String recipient) {
        List<Received> result = new ArrayList<>();
        GreenMailUser user = greenMail.getUserManager().getUserByEmail(recipient);
        if (user == null) {
            return result;
        }
        try {
            MailFolder inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
            for (StoredMessage stored : snapshot(inbox)) {
                MimeMessage message = stored.getMimeMessage();
                result.add(new Received(message.getSubject(), message.getMessageID()));
            }
        } catch (MessagingException | FolderException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    /**
     * The messages of a mailbox at this moment, while the server may be storing more (an iterator over the live list
     * would fail with a ConcurrentModificationException).
     */
    static List<StoredMessage> snapshot(MailFolder folder) {
        List<StoredMessage> messages = new ArrayList<>();
        for (StoredMessage message : folder.getMessages().toArray(new StoredMessage[0])) {
            if (message != null) {
                messages.add(message);
            }
        }
        return messages;
    }

    record Received(String subject, String messageId) {
    }

    @Override
    public void close() {
        proxy.close();
        greenMail.stop();
    }

    /** A TCP proxy in front of the SMTP server that can be closed (connections refused and cut) and reopened. */
    static final class SmtpProxy {
        private final int port;
        private final int target;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private volatile ServerSocket server;

        SmtpProxy(int port, int target) {
            this.port = port;
            this.target = target;
        }

        synchronized void open() {
            if (server != null) {
                return;
            }
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", port));
                server = socket;
            } catch (IOException e) {
                throw new IllegalStateException("cannot open the SMTP proxy on " + port, e);
            }
            ServerSocket listening = server;
            Thread acceptor = new Thread(() -> accept(listening), "smtp-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept(ServerSocket listening) {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Socket upstream = new Socket("127.0.0.1", target);
                    open.add(client);
                    open.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void pump(Socket from, Socket to) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16384];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException ignored) {
                    // cut
                } finally {
                    quietly(from);
                    quietly(to);
                }
            }, "smtp-proxy-pump");
            thread.setDaemon(true);
            thread.start();
        }

        synchronized void close() {
            if (server != null) {
                quietly(server);
                server = null;
            }
            for (Socket socket : open) {
                quietly(socket);
            }
            open.clear();
        }

        private void quietly(java.io.Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // closing
            }
            if (closeable instanceof Socket socket) {
                open.remove(socket);
            }
        }
    }
}
