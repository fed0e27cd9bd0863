package org.supportdesk.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server that behaves badly on purpose: it refuses every recipient for good ({@code 550}), or takes a
 * number of messages and then drops the connection (a server or network that dies in the middle of a batch).
 * Just enough SMTP for Jakarta Mail's client.
 */
final class FakeSmtpServer implements AutoCloseable {

    enum Behaviour { REFUSE_RECIPIENTS, DIE_AFTER_MESSAGES }

    private final ServerSocket socket;
    private final Behaviour behaviour;
    private final int messagesBeforeDying;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread thread;

    private FakeSmtpServer(Behaviour behaviour, int messagesBeforeDying) throws IOException {
        this.socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        this.behaviour = behaviour;
        this.messagesBeforeDying = messagesBeforeDying;
        this.thread = new Thread(this::serve, "fake-smtp");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Every recipient is refused with 550 (the address does not exist): the mail cannot go out as it is. */
    static FakeSmtpServer refusingRecipients() throws IOException {
        return new FakeSmtpServer(Behaviour.REFUSE_RECIPIENTS, 0);
    }

    /** Takes {@code messages} messages, then closes the connection on the next one. */
    static FakeSmtpServer dyingAfter(int messages) throws IOException {
        return new FakeSmtpServer(Behaviour.DIE_AFTER_MESSAGES, messages);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Messages this server said it took (250 after DATA). */
    int accepted() {
        return accepted.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                converse(client);
            } catch (IOException closed) {
                // the test closed the server, or the client went away
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        say(out, "220 fake.smtp.example ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
            switch (command) {
                case "EHLO", "HELO" -> say(out, "250 fake.smtp.example");
                case "MAIL" -> {
                    if (behaviour == Behaviour.DIE_AFTER_MESSAGES && accepted.get() >= messagesBeforeDying) {
                        client.close();
                        return;
                    }
                    say(out, "250 OK");
                }
                case "RCPT" -> say(out, behaviour == Behaviour.REFUSE_RECIPIENTS
                        ? "550 5.1.1 No such user here" : "250 OK");
                case "DATA" -> {
                    say(out, "354 End data with <CR><LF>.<CR><LF>");
                    String data;
                    while ((data = in.readLine()) != null && !data.equals(".")) {
                        // the message itself is of no interest here
                    }
                    accepted.incrementAndGet();
                    say(out, "250 OK queued");
                }
                case "RSET", "NOOP" -> say(out, "250 OK");
                case "QUIT" -> {
                    say(out, "221 Bye");
                    return;
                }
                default -> say(out, "502 Command not implemented");
            }
        }
    }

    private static void say(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
