package org.supportdesk.reliability;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One application JVM: {@code java -Xmx512m -jar target/support-desk-*.jar} with the {@code postgres} profile and
 * every production setting given as an environment variable, as README "Run in production" says.
 */
final class Node {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "reliability-admin-secret";
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    final String name;
    final int port;
    private final Path jar;
    private final String database;
    private final Path attachments;
    private final Path logs;
    private int starts;
    private Process process;

    Node(String name, int port, Path jar, String database, Path attachments, Path logs) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.database = database;
        this.attachments = attachments;
        this.logs = logs;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the JVM; returns at once. */
    synchronized void start() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar",
                jar.toAbsolutePath().toString(), "--spring.profiles.active=postgres", "--server.port=" + port,
                // the harness's mail server speaks plain SMTP on the loopback interface (no TLS certificate)
                "--spring.mail.properties.mail.smtp.starttls.enable=false",
                "--spring.mail.properties.mail.smtp.starttls.required=false"));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5432/" + database);
        env.put("SPRING_DATASOURCE_USERNAME", "postgres");
        env.put("SPRING_DATASOURCE_PASSWORD", "unused-trust-auth");
        env.put("SUPPORT_ADMIN_USER", ADMIN);
        env.put("SUPPORT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("SUPPORT_PORTAL_URL", "https://support.reliability.example");
        env.put("SUPPORT_ATTACHMENTS_DIRECTORY", attachments.toAbsolutePath().toString());
        env.put("SPRING_MAIL_HOST", "127.0.0.1");
        env.put("SPRING_MAIL_PORT", String.valueOf(MailServers.PROXY_PORT));
        env.put("SPRING_MAIL_USERNAME", MailServers.SMTP_LOGIN);
        env.put("SPRING_MAIL_PASSWORD", MailServers.SMTP_PASSWORD);
        env.put("SUPPORT_MAIL_INBOUND_HOST", "127.0.0.1");
        env.put("SUPPORT_MAIL_INBOUND_PORT", String.valueOf(MailServers.IMAP_PORT));
        env.put("SUPPORT_MAIL_INBOUND_PROTOCOL", "imap");
        env.put("SUPPORT_MAIL_SUPPORT_LOGIN", "support");
        env.put("SUPPORT_MAIL_SUPPORT_PASSWORD", MailServers.SUPPORT_PASSWORD);
        env.put("SUPPORT_MAIL_EXTENDED_SUPPORT_LOGIN", "extended-support");
        env.put("SUPPORT_MAIL_EXTENDED_SUPPORT_PASSWORD", MailServers.EXTENDED_SUPPORT_PASSWORD);
        env.put("SUPPORT_MAIL_AUTHSERV_IDS", MailServers.AUTHSERV_ID);
        starts++;
        File log = logs.resolve("node-" + name + "-" + starts + ".log").toFile();
        builder.redirectErrorStream(true).redirectOutput(log);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start node " + name, e);
        }
        RUNNING.add(process);
    }

    /**
     * Waits until {@code /actuator/health} answers UP (mail included: the test's mail server runs first); false when
     * the JVM died or time ran out.
     */
    boolean awaitUp(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            Desk.pause(500);
        }
        return false;
    }

    /** What a load balancer asks: {@code /actuator/health/readiness} answers 200 (UP). */
    boolean ready() {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: the JVM ends at once, mid-request. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
            RUNNING.remove(process);
        }
    }

    /** SIGTERM: the node finishes and signs off. */
    synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            waitFor(process);
        }
        if (process != null) {
            RUNNING.remove(process);
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills JVMs of this worktree's jar left over from an earlier run (by process id). */
    static void killStray(Path jar) {
        String path = jar.toAbsolutePath().toString();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains("-jar " + path)).orElse(false))
                .forEach(p -> {
                    p.destroyForcibly();
                    p.onExit().join();
                });
    }
}
