package org.supportdesk.mail;

import java.io.IOException;
import java.io.InputStream;

/** Where the content of a mail's files is read from when the mail is sent: the ticket's attachment store. */
public interface StoredFiles {

    InputStream open(String sha256) throws IOException;
}
