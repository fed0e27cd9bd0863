package org.supportdesk.mail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * One SMTP connection for a batch of mails, with the server and login of {@code spring.mail.*}, telling the two kinds
 * of failure apart: the server cannot take mail now (unreachable, login refused, "try later" 4xx answers: the mail
 * waits) or it refuses this one mail for good (5xx for its addresses or content: a person has to look).
 */
@Component
class SmtpConnections {

    /** The server cannot take mail now; nothing about the mail itself is wrong. */
    static class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final JavaMailSenderImpl sender;

    SmtpConnections(JavaMailSenderImpl sender) {
        this.sender = sender;
    }

    /** A connection opened on the first mail (an empty batch opens nothing). */
    Connection open() {
        return new Connection();
    }

    class Connection implements AutoCloseable {
        private Transport transport;

        void send(MimeMessage message) throws Unavailable, MessagingException {
            try {
                if (transport == null || !transport.isConnected()) {
                    transport = sender.getSession().getTransport(sender.getProtocol() == null ? "smtp"
                            : sender.getProtocol());
                    String user = blank(sender.getUsername()) ? null : sender.getUsername();
                    transport.connect(sender.getHost(), sender.getPort(), user, user == null ? null : sender.getPassword());
                }
                // saveChanges() would replace the Message-ID the desk chose (replies find their ticket by it)
                String messageId = message.getMessageID();
                message.saveChanges();
                if (messageId != null) {
                    message.setHeader("Message-ID", messageId);
                }
                transport.sendMessage(message, message.getAllRecipients());
            } catch (MessagingException failed) {
                // a server that refuses one mail keeps the connection; one that went away mid-way does not
                if (serverUnavailable(failed) || transport == null || !connected()) {
                    closeQuietly();
                    throw new Unavailable(describe(failed), failed);
                }
                throw failed;
            }
        }

        private boolean connected() {
            try {
                return transport.isConnected();
            } catch (RuntimeException broken) {
                return false;
            }
        }

        @Override
        public void close() {
            closeQuietly();
        }

        private void closeQuietly() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // the connection is gone either way
                }
                transport = null;
            }
        }
    }

    /** Unreachable, login refused, connection lost, or a 4xx "try again later" answer. */
    static boolean serverUnavailable(MessagingException failure) {
        if (failure instanceof AuthenticationFailedException) {
            return true;
        }
        if (failure instanceof SMTPAddressFailedException address) {
            return address.getReturnCode() >= 400 && address.getReturnCode() < 500;
        }
        if (failure instanceof SMTPSendFailedException send) {
            return send.getReturnCode() >= 400 && send.getReturnCode() < 500;
        }
        if (failure instanceof SendFailedException sendFailed && sendFailed.getNextException() instanceof MessagingException next
                && next != failure) {
            return serverUnavailable(next);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof SocketTimeoutException
                    || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException
                    || cause instanceof SocketException || cause instanceof IOException) {
                return true;
            }
            if (cause instanceof MessagingException messaging && messaging.getNextException() != null
                    && messaging.getNextException() != cause && messaging.getNextException() instanceof IOException) {
                return true;
            }
        }
        String text = String.valueOf(failure.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return text.contains("couldn't connect") || text.contains("could not connect")
                || text.contains("connection refused") || text.contains("not connected");
    }

    private String describe(MessagingException failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return sender.getHost() + ":" + sender.getPort() + ": " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : " " + root.getMessage());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
