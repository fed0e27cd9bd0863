package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;

/**
 * A 300 MB mail against the application with a 512 MiB heap, for real: a mail server (GreenMail, in this JVM)
 * holds the message, the desk runs in a child JVM with {@code -Xmx512m -XX:+ExitOnOutOfMemoryError} and polls it
 * over IMAP like any mail server, and everything is checked from outside, through the staff API. The desk reads
 * the size the server states and never downloads the message: it keeps it FAILED from its envelope, and goes on
 * serving mail. Had its heap overflowed even once, the child would have exited.
 */
class BigMailIT {

    static final String SUPPORT = "support@support.example";
    static final String EXTENDED_SUPPORT = "extended-support@support.example";
    static final String ALICE = "alice@acme.example"; // an authorized contact of the demo data
    static final long BIG = 300L * 1024 * 1024;
    static final Path DIRECTORY = Path.of("target", "big-mail-it");
    static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");
    static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    static GreenMail greenMail;
    static Process desk;
    static Path log;
    static Path gcLog;
    static final String BIG_ID = "<big." + System.nanoTime() + "@acme.example>";
    static final String BEFORE_ID = "<before." + System.nanoTime() + "@acme.example>";

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void mailServerWithA300MbMessageAndTheDeskInAChildJvm() throws Exception {
        Files.createDirectories(DIRECTORY);
        greenMail = new GreenMail(new ServerSetup[]{new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        GreenMailUser support = greenMail.setUser(SUPPORT, SUPPORT, SUPPORT);
        greenMail.setUser(EXTENDED_SUPPORT, EXTENDED_SUPPORT, EXTENDED_SUPPORT);
        greenMail.getManagers().getImapHostManager().getInbox(support).store(bigMessage());
        // a message of a person, behind the big one: the same poll must serve it
        send(mail(BEFORE_ID, "Dashboard stays empty", "Since this morning the dashboard shows nothing."));

        log = DIRECTORY.resolve("desk.log");
        gcLog = DIRECTORY.resolve("gc.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog,
                "-cp", classPath(),
                "org.supportdesk.SupportDeskApplication",
                "--spring.profiles.active=demo",
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:big;DB_CLOSE_DELAY=-1",
                "--support.mail.embedded.enabled=false",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + greenMail.getSmtp().getPort(),
                "--spring.mail.username=" + SUPPORT, // outside the embedded server an SMTP login is required
                "--spring.mail.password=" + SUPPORT,
                "--support.mail.inbound.host=127.0.0.1",
                "--support.mail.inbound.port=" + greenMail.getImap().getPort(),
                "--support.mail.inbound.protocol=imap",
                "--support.mail.inbound.poll-interval=1s",
                // as in production: the sender must be vouched for by the receiving server (see mail())
                "--support.mail.inbound.authentication.required=true",
                "--support.mail.inbound.authentication.authserv-ids=mx.support.example",
                "--support.attachments.directory=target/big-mail-attachments"));
        // the mailboxes and their logins (as in the demo profile: login and password are the address)
        for (String[] mailbox : new String[][]{{"0", SUPPORT, "false"}, {"1", EXTENDED_SUPPORT, "true"}}) {
            String prefix = "--support.mail.inbound.mailboxes[" + mailbox[0] + "].";
            command.addAll(List.of(prefix + "address=" + mailbox[1], prefix + "login=" + mailbox[1],
                    prefix + "password=" + mailbox[1], prefix + "extended-support=" + mailbox[2]));
        }
        desk = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (desk != null) {
            desk.destroy();
            if (!desk.waitFor(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                desk.destroyForcibly().waitFor();
            }
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @Test
    void a300MbMailIsKeptFromItsEnvelopeAndTheDeskGoesOnServingMailWithin512MiB() throws Exception {
        int port = await("the desk started").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(BigMailIT::port, Optional::isPresent).orElseThrow();

        JsonNode big = await("the big mail kept").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> mail(port, BIG_ID), m -> m.isPresent() && m.get().path("status").asText().equals("FAILED"))
                .orElseThrow();
        assertThat(big.path("outcome").asText()).isEqualTo("Not downloaded: 300.0 MiB is over the 40.0 MiB the"
                + " desk reads");
        assertThat(big.path("size").asLong()).isGreaterThan(BIG);
        assertThat(big.path("sender").asText()).isEqualTo(ALICE);
        assertThat(big.path("subject").asText()).isEqualTo("Heap dump of the production server");
        assertThat(seen("Heap dump of the production server")).as("flagged seen: never fetched again").isTrue();

        JsonNode before = await("the mail behind it processed").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> mail(port, BEFORE_ID), m -> m.isPresent() && m.get().path("status").asText()
                        .equals("PROCESSED")).orElseThrow();
        assertThat(before.path("ticket").asText()).startsWith("SD-");

        String afterId = "<after." + System.nanoTime() + "@acme.example>";
        send(mail(afterId, "Export fails after the upgrade", "The CSV export stops with an error."));
        JsonNode after = await("a mail sent afterwards processed").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> mail(port, afterId), m -> m.isPresent() && m.get().path("status").asText()
                        .equals("PROCESSED")).orElseThrow();
        assertThat(after.path("ticket").asText()).startsWith("SD-").isNotEqualTo(before.path("ticket").asText());

        assertThat(desk.isAlive()).as("the desk is still running").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(output).doesNotContain("OutOfMemoryError").doesNotContain("java.lang.OutOfMemory");
        System.out.printf("BigMailIT: the desk's heap peaked at %d MiB before a collection (-Xmx512m), %d MiB after"
                + " one; %s%n", peakHeap(1), peakHeap(2), gcLog);
    }

    /**
     * This JVM's class path without empty entries: an empty entry means the working directory, whose processes/
     * folder would then be deployed a second time.
     */
    private static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank()).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** A 300 MiB text message from an authorized contact, in memory once (the server shares the bytes). */
    private static MimeMessage bigMessage() throws Exception {
        byte[] header = ("""
                Authentication-Results: mx.support.example; dmarc=pass header.from=acme.example
                From: Alice Anders <alice@acme.example>
                To: support@support.example
                Subject: Heap dump of the production server
                Message-ID: %s
                Date: Tue, 1 Dec 2026 10:00:00 -0500
                MIME-Version: 1.0
                Content-Type: text/plain; charset=US-ASCII

                """.formatted(BIG_ID)).replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] raw = new byte[Math.toIntExact(header.length + BIG)];
        System.arraycopy(header, 0, raw, 0, header.length);
        byte[] line = ("0123456789".repeat(7) + "012345\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int at = header.length; at < raw.length; at += line.length) {
            System.arraycopy(line, 0, raw, at, Math.min(line.length, raw.length - at));
        }
        return new MimeMessage(Session.getInstance(new Properties()), new SharedByteArrayInputStream(raw));
    }

    /** A person's mail from Alice, with the header the receiving server adds when DMARC passed. */
    private static byte[] mail(String messageId, String subject, String text) {
        return ("""
                Authentication-Results: mx.support.example; dmarc=pass header.from=acme.example
                From: Alice Anders <alice@acme.example>
                To: support@support.example
                Subject: %s
                Message-ID: %s
                Date: Tue, 1 Dec 2026 10:00:00 -0500
                Content-Type: text/plain; charset=UTF-8

                %s
                """.formatted(subject, messageId, text)).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(byte[] raw) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
        properties.put("mail.smtp.from", ALICE);
        Session session = Session.getInstance(properties);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            MimeMessage message = new MimeMessage(session, new java.io.ByteArrayInputStream(raw));
            transport.sendMessage(message, new Address[]{new InternetAddress(SUPPORT)});
        }
    }

    /** The desk's HTTP port, once its log says it started. */
    private static Optional<Integer> port() throws IOException {
        if (!desk.isAlive()) {
            throw new AssertionError("The desk stopped (exit " + desk.exitValue() + "); see " + log);
        }
        Matcher started = STARTED.matcher(Files.readString(log, StandardCharsets.UTF_8));
        return started.find() ? Optional.of(Integer.parseInt(started.group(1))) : Optional.empty();
    }

    /** The stored message with this Message-ID, as the staff API lists it. */
    private Optional<JsonNode> mail(int port, String messageId) throws Exception {
        if (!desk.isAlive()) {
            throw new AssertionError("The desk stopped (exit " + desk.exitValue() + "); see " + log);
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/staff/inbound-mail?limit=1000"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("agent:agent".getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode mail : json.readTree(response.body())) {
            if (messageId.equals(mail.path("messageId").asText())) {
                return Optional.of(mail);
            }
        }
        return Optional.empty();
    }

    /** Whether the message with this subject is flagged seen in the support mailbox. */
    private static boolean seen(String subject) throws Exception {
        MailFolder inbox = greenMail.getManagers().getImapHostManager()
                .getInbox(greenMail.getManagers().getUserManager().getUser(SUPPORT));
        for (StoredMessage message : inbox.getMessages()) {
            if (subject.equals(message.getMimeMessage().getSubject())) {
                return message.isSet(Flags.Flag.SEEN);
            }
        }
        throw new AssertionError("No message " + subject);
    }

    /** The largest heap the GC log shows, before (group 1) or after (group 2) a collection, in MiB. */
    private static long peakHeap(int group) throws IOException {
        if (!Files.exists(gcLog)) {
            return -1;
        }
        Matcher matcher = GC.matcher(Files.readString(gcLog, StandardCharsets.UTF_8));
        long peak = -1;
        while (matcher.find()) {
            peak = Math.max(peak, Long.parseLong(matcher.group(group)));
        }
        return peak;
    }
}
