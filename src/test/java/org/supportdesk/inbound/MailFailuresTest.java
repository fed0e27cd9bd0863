package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.SocketTimeoutException;
import java.sql.SQLTransientConnectionException;

import org.eclipse.angus.mail.util.DecodingException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ParseException;

/**
 * Q2, issue 24 item 2: only what may pass by itself is transient (retried); whatever a message's own bytes cause is
 * permanent at once, however the MIME library wraps it.
 */
class MailFailuresTest {

    @Test
    void q2_anUnreachableDatabaseALockConflictOrAStoppingNodeIsTransient() {
        assertThat(MailFailures.transientInProcessing(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("timed out")))).isTrue();
        assertThat(MailFailures.transientInProcessing(new CannotAcquireLockException("locked"))).isTrue();
        assertThat(MailFailures.transientInProcessing(new IllegalStateException(new InterruptedException()))).isTrue();
    }

    @Test
    void q2_decodingAndParsingErrorsArePermanentEvenWhenTheyAreIoExceptions() {
        for (Throwable error : new Throwable[]{new DecodingException("BASE64Decoder: Error in encoded stream"),
                new IOException("UUDecoder: Missing begin"), new UnsupportedEncodingException("x-unknown"),
                new ParseException("Missing start boundary"), new MessagingException("Missing start boundary")}) {
            assertThat(MailFailures.transientInProcessing(new IllegalStateException("cannot be read", error)))
                    .as(error.toString()).isFalse();
        }
    }

    @Test
    void q2_whileFetchingTheConnectionIsTransientButADecodingErrorIsNot() {
        assertThat(MailFailures.transientInFetching(new SocketTimeoutException("Read timed out"))).isTrue();
        assertThat(MailFailures.transientInFetching(new IOException("Connection reset"))).isTrue();
        assertThat(MailFailures.transientInFetching(new FolderClosedException(null, "* BYE"))).isTrue();
        assertThat(MailFailures.transientInFetching(new MessagingException("bad", new DecodingException("broken"))))
                .isFalse();
        assertThat(MailFailures.transientInFetching(new OutOfMemoryError("Java heap space"))).isFalse();
    }

    @Test
    void q2_theReasonSaysInWordsThatItIsNotRetried() {
        assertThat(MailFailures.reason(new IllegalStateException("x", new DecodingException("BASE64Decoder: Error"))))
                .isEqualTo("Cannot be read, not retried: a part's encoded content is broken"
                        + " (DecodingException: BASE64Decoder: Error)");
        assertThat(MailFailures.reason(new OutOfMemoryError("Java heap space")))
                .isEqualTo("OutOfMemoryError: Java heap space");
    }
}
