package org.supportdesk.inbound;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.CharacterCodingException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import jakarta.mail.FolderClosedException;
import jakarta.mail.StoreClosedException;

/**
 * The one place that tells a failure that may go away by itself (transient: retried) from one that would happen again
 * with the same message (permanent: FAILED at once, with the reason in words for staff). Transient is only: the
 * database or the mail server unreachable or busy, a lock or an optimistic-locking conflict with another node, this
 * node stopping. Everything a message's own bytes cause — parsing and decoding errors, a wrong charset — is
 * permanent, even where the MIME library reports it as an {@link IOException}.
 */
final class MailFailures {

    /**
     * Failures of the message itself, by simple class name (the MIME library's decoders are not public API), and the
     * parser's own {@link MalformedMail}. They win over any transient cause.
     */
    private static final Set<String> MALFORMED = Set.of("DecodingException", "ParseException", "AddressException",
            "UnsupportedEncodingException", "CharacterCodingException", "MalformedInputException",
            "UnmappableCharacterException");

    private MailFailures() {
    }

    /** While a stored message is processed (its bytes come from the database: no network I/O of the mail's own). */
    static boolean transientInProcessing(Throwable failure) {
        return !malformed(failure) && anyCause(failure, MailFailures::unavailable);
    }

    /**
     * While a message is fetched from the mail server: besides the above, an {@link IOException} of the connection
     * (the download copies bytes; it decodes nothing).
     */
    static boolean transientInFetching(Throwable failure) {
        return !malformed(failure) && anyCause(failure, cause -> unavailable(cause) || cause instanceof IOException);
    }

    /** Whether the message itself cannot be read: retrying would meet the same error. */
    static boolean malformed(Throwable failure) {
        return anyCause(failure, cause -> cause instanceof MalformedMail
                || MALFORMED.contains(cause.getClass().getSimpleName())
                || cause instanceof UnsupportedEncodingException || cause instanceof CharacterCodingException);
    }

    private static boolean unavailable(Throwable cause) {
        return cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                || cause instanceof DataAccessResourceFailureException || cause instanceof ConcurrencyFailureException
                || cause instanceof CannotCreateTransactionException || cause instanceof OptimisticLockingException
                || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                || cause instanceof FolderClosedException || cause instanceof StoreClosedException
                || cause instanceof SocketException || cause instanceof SocketTimeoutException
                || cause instanceof UnknownHostException || cause instanceof InterruptedException
                || cause instanceof java.io.InterruptedIOException
                || Set.of("ConnectionException", "MailConnectException", "FolderClosedIOException")
                .contains(cause.getClass().getSimpleName());
    }

    /**
     * The reason as staff read it: what kind of failure, in words, then the error itself (its type and message, never
     * a stack trace).
     */
    static String reason(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; depth < 100 && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        String message = Optional.ofNullable(root.getMessage()).orElse("");
        String error = root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        String name = root.getClass().getSimpleName();
        String words = name.equals("DecodingException") ? "a part's encoded content is broken"
                : root instanceof UnsupportedEncodingException || root instanceof CharacterCodingException
                ? "a part names an encoding or charset that cannot be read"
                : name.equals("ParseException") || name.equals("AddressException")
                ? "a header or the MIME structure is malformed"
                : malformed(failure) || root instanceof IOException && !transientInProcessing(failure)
                ? "the message cannot be read as mail" : null;
        return words == null ? error : "Cannot be read, not retried: " + words + " (" + error + ")";
    }

    private static boolean anyCause(Throwable failure, java.util.function.Predicate<Throwable> test) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 100;
             cause = cause.getCause() == cause ? null : cause.getCause(), depth++) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }
}
