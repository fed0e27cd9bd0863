package org.supportdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.supportdesk.SupportDeskApplication;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The `postgres` profile alone is production: it refuses to start half-configured, and started with every setting it
 * carries no demo users, no embedded mail server and no exception text in any answer.
 */
class ProductionProfileIT {

    static final String ADMIN_PASSWORD = "a long admin passphrase";

    @Nested
    class WithoutItsSettings {

        @Test
        void theApplicationExitsAtOnceNamingEveryMissingSetting() throws Exception {
            Run run = start(Map.of());

            assertThat(run.exitCode()).isNotZero();
            assertThat(run.output()).contains("APPLICATION FAILED TO START", "SUPPORT_ADMIN_PASSWORD",
                    "SPRING_DATASOURCE_URL", "SUPPORT_PORTAL_URL", "SUPPORT_ATTACHMENTS_DIRECTORY", "SPRING_MAIL_HOST",
                    "SPRING_MAIL_USERNAME", "SPRING_MAIL_PASSWORD", "SUPPORT_MAIL_INBOUND_HOST",
                    "SUPPORT_MAIL_SUPPORT_LOGIN", "SUPPORT_MAIL_SUPPORT_PASSWORD", "SUPPORT_MAIL_AUTHSERV_IDS");
            assertThat(run.output()).doesNotContain("Tomcat started").doesNotContain("HikariPool-1 - Start completed");
        }

        @Test
        void withEverythingButTheAdminPasswordItNamesJustThat() throws Exception {
            Map<String, String> settings = new java.util.HashMap<>(everySetting("jdbc:postgresql://127.0.0.1:5432/test"));
            settings.remove("SUPPORT_ADMIN_PASSWORD");

            Run run = start(settings);

            assertThat(run.exitCode()).isNotZero();
            assertThat(run.output()).contains("1 setting is missing or unusable", "SUPPORT_ADMIN_PASSWORD")
                    .doesNotContain("SPRING_MAIL_HOST (").doesNotContain("Tomcat started");
            assertThat(run.took()).isLessThan(Duration.ofSeconds(30));
        }

        @Test
        void aShortAdminPasswordIsRefusedToo() throws Exception {
            Map<String, String> settings = new java.util.HashMap<>(everySetting("jdbc:postgresql://127.0.0.1:5432/test"));
            settings.put("SUPPORT_ADMIN_PASSWORD", "admin");

            Run run = start(settings);

            assertThat(run.exitCode()).isNotZero();
            assertThat(run.output()).contains("SUPPORT_ADMIN_PASSWORD (support.admin.password): must have 12");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithEverySetting {

        GreenMail mailServer;
        ConfigurableApplicationContext app;
        int port;

        @BeforeAll
        void start() throws Exception {
            String url = PostgresDatabase.recreate("supportdesk_production_it");
            mailServer = new GreenMail(new ServerSetup[]{new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                    .withConfiguration(GreenMailConfiguration.aConfig()
                            .withUser("desk@support.example", "desk-mailer", "smtp secret")
                            .withUser("support@support.example", "support-login", "imap secret 1")
                            .withUser("extended-support@support.example", "extended-login", "imap secret 2"));
            mailServer.start();
            List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.profiles.active=postgres",
                    "--support.mail.inbound.polling=false", "--camunda.bpm.job-execution.enabled=false",
                    // the test's mail server offers no STARTTLS; production requires it
                    "--spring.mail.properties.mail.smtp.starttls.required=false"));
            everySetting(url).forEach((name, value) -> arguments.add("--" + property(name) + "=" + value));
            app = new SpringApplicationBuilder(SupportDeskApplication.class).run(arguments.toArray(String[]::new));
            port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        }

        @AfterAll
        void stop() {
            if (app != null) {
                app.close();
            }
            if (mailServer != null) {
                mailServer.stop();
            }
        }

        @Test
        void noDemoLoginWorks() throws Exception {
            assertThat(get("/engine-rest/task", "demo:demo").statusCode()).isEqualTo(401);
            assertThat(get("/engine-rest/task", "agent:agent").statusCode()).isEqualTo(401);
            assertThat(get("/api/me", "alice@acme.example:demo").statusCode()).isEqualTo(401);
            assertThat(jdbc().sql("select count(*) from organization where id in ('acme', 'globex', 'initech')")
                    .query(Integer.class).single()).isZero();
            assertThat(jdbc().sql("select count(*) from act_id_user where id_ in ('demo', 'agent', 'manager', 'oncall', 'backup')")
                    .query(Integer.class).single()).isZero();
        }

        @Test
        void theFirstAdministratorComesFromTheSettings() throws Exception {
            assertThat(get("/engine-rest/user", "admin:" + ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        }

        @Test
        void staffPasswordsHaveTwelveCharactersAtLeast() throws Exception {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/engine-rest/user/create"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"profile\":{\"id\":\"eve\",\"firstName\":\"Eve\",\"lastName\":\"E\",\"email\":\"eve@support.example\"},"
                                    + "\"credentials\":{\"password\":\"eve-short\"}}")), "admin:" + ADMIN_PASSWORD);
            HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/engine-rest/user/create"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"profile\":{\"id\":\"eve\",\"firstName\":\"Eve\",\"lastName\":\"E\",\"email\":\"eve@support.example\"},"
                                    + "\"credentials\":{\"password\":\"eve has a long one\"}}")), "admin:" + ADMIN_PASSWORD);

            HttpResponse<String> policy = send(HttpRequest.newBuilder(uri("/engine-rest/identity/password-policy"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"eve-short\"}")), "admin:" + ADMIN_PASSWORD);

            // Camunda answers a password against the policy with a server error (its text withheld); Admin checks
            // the policy as the password is typed and says which rule it breaks
            assertThat(refused.statusCode()).isGreaterThanOrEqualTo(400);
            assertThat(created.statusCode()).isEqualTo(204);
            assertThat(com.jayway.jsonpath.JsonPath.<Boolean>read(policy.body(), "$.valid")).isFalse();
            assertThat(com.jayway.jsonpath.JsonPath.<java.util.List<String>>read(policy.body(),
                    "$.rules[?(@.valid == false)].placeholder")).containsExactly("PASSWORD_POLICY_LENGTH");
        }

        @Test
        void thereIsNoEmbeddedMailServer() {
            assertThat(app.getBeansOfType(GreenMail.class)).isEmpty();
        }

        @Test
        void mailGoesOutThroughTheConfiguredServerWithItsLogin() throws Exception {
            insertMember("pat@customer.example");

            HttpResponse<String> asked = send(HttpRequest.newBuilder(uri("/api/password-resets"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"pat@customer.example\"}")), null);

            assertThat(asked.statusCode()).isEqualTo(202);
            assertThat(mailServer.waitForIncomingEmail(20_000, 1)).as("the reset mail reached the mail server").isTrue();
            assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mailServer.getReceivedMessages()[0]))
                    .contains("https://support.example.com/password-reset/");
        }

        @Test
        void aServerErrorShowsNoExceptionText() throws Exception {
            insertMember("quinn@customer.example");
            JdbcClient jdbc = jdbc();
            jdbc.sql("alter table ticket rename to ticket_away").update();
            HttpResponse<String> failed;
            try {
                failed = get("/api/tickets?view=mine", "quinn@customer.example:" + ADMIN_PASSWORD);
            } finally {
                jdbc.sql("alter table ticket_away rename to ticket").update();
            }

            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(failed.body()).contains("\"reference\"").doesNotContainIgnoringCase("ticket_away")
                    .doesNotContainIgnoringCase("sql").doesNotContainIgnoringCase("exception")
                    .doesNotContainIgnoringCase("relation");
        }

        @Test
        void anEngineServerErrorShowsNoExceptionTextEither() throws Exception {
            HttpResponse<String> failed = send(HttpRequest.newBuilder(uri("/engine-rest/process-definition/key/support-ticket/start"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"businessKey\":\"SD-999999\"}")), "admin:" + ADMIN_PASSWORD);

            assertThat(failed.statusCode()).isGreaterThanOrEqualTo(500);
            assertThat(failed.body()).contains("reference").doesNotContainIgnoringCase("exception")
                    .doesNotContain("ENGINE-").doesNotContain("org.");
        }

        private void insertMember(String email) {
            JdbcClient jdbc = jdbc();
            if (jdbc.sql("select count(*) from organization where id = 'cust'").query(Integer.class).single() == 0) {
                jdbc.sql("insert into organization (id, name, time_zone, holiday_region) values ('cust', 'Customer', 'UTC', 'US')")
                        .update();
            }
            jdbc.sql("""
                            insert into org_member (email, organization_id, name, password_hash, owner, authorized_contact, joined_at)
                            values (?, 'cust', 'Customer', ?, true, true, current_timestamp)""")
                    .params(email, app.getBean(PasswordEncoder.class).encode(ADMIN_PASSWORD)).update();
        }

        private JdbcClient jdbc() {
            return app.getBean(JdbcClient.class);
        }

        private HttpResponse<String> get(String path, String credentials) throws Exception {
            return send(HttpRequest.newBuilder(uri(path)).GET(), credentials);
        }

        private HttpResponse<String> send(HttpRequest.Builder request, String credentials) throws Exception {
            if (credentials != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }

        Map<String, String> everySetting(String url) {
            Map<String, String> settings = new java.util.HashMap<>(ProductionProfileIT.everySetting(url));
            settings.put("SPRING_MAIL_PORT", String.valueOf(mailServer.getSmtp().getPort()));
            settings.put("SUPPORT_MAIL_INBOUND_PORT", String.valueOf(mailServer.getImap().getPort()));
            settings.put("SUPPORT_MAIL_INBOUND_PROTOCOL", "imap");
            return settings;
        }
    }

    /** Every setting README's "Run in production" lists, as environment variables. */
    static Map<String, String> everySetting(String databaseUrl) {
        return Map.ofEntries(
                Map.entry("SPRING_DATASOURCE_URL", databaseUrl),
                Map.entry("SPRING_DATASOURCE_USERNAME", "postgres"),
                Map.entry("SUPPORT_ADMIN_PASSWORD", ADMIN_PASSWORD),
                Map.entry("SUPPORT_PORTAL_URL", "https://support.example.com"),
                Map.entry("SUPPORT_ATTACHMENTS_DIRECTORY", "target/production-it/attachments"),
                Map.entry("SPRING_MAIL_HOST", "127.0.0.1"),
                Map.entry("SPRING_MAIL_USERNAME", "desk-mailer"),
                Map.entry("SPRING_MAIL_PASSWORD", "smtp secret"),
                Map.entry("SUPPORT_MAIL_INBOUND_HOST", "127.0.0.1"),
                Map.entry("SUPPORT_MAIL_SUPPORT_LOGIN", "support-login"),
                Map.entry("SUPPORT_MAIL_SUPPORT_PASSWORD", "imap secret 1"),
                Map.entry("SUPPORT_MAIL_EXTENDED_SUPPORT_LOGIN", "extended-login"),
                Map.entry("SUPPORT_MAIL_EXTENDED_SUPPORT_PASSWORD", "imap secret 2"),
                Map.entry("SUPPORT_MAIL_AUTHSERV_IDS", "mx.support.example"));
    }

    /** The property an environment variable feeds (Spring Boot's relaxed binding, spelled out for arguments). */
    static String property(String variable) {
        return switch (variable) {
            case "SPRING_DATASOURCE_URL" -> "spring.datasource.url";
            case "SPRING_DATASOURCE_USERNAME" -> "spring.datasource.username";
            case "SUPPORT_ADMIN_PASSWORD" -> "support.admin.password";
            case "SUPPORT_PORTAL_URL" -> "support.mail.portal-url";
            case "SUPPORT_ATTACHMENTS_DIRECTORY" -> "support.attachments.directory";
            case "SPRING_MAIL_HOST" -> "spring.mail.host";
            case "SPRING_MAIL_PORT" -> "spring.mail.port";
            case "SPRING_MAIL_USERNAME" -> "spring.mail.username";
            case "SPRING_MAIL_PASSWORD" -> "spring.mail.password";
            case "SUPPORT_MAIL_INBOUND_HOST" -> "support.mail.inbound.host";
            case "SUPPORT_MAIL_INBOUND_PORT" -> "support.mail.inbound.port";
            case "SUPPORT_MAIL_INBOUND_PROTOCOL" -> "support.mail.inbound.protocol";
            case "SUPPORT_MAIL_SUPPORT_LOGIN" -> "support.mail.inbound.mailboxes[0].login";
            case "SUPPORT_MAIL_SUPPORT_PASSWORD" -> "support.mail.inbound.mailboxes[0].password";
            case "SUPPORT_MAIL_EXTENDED_SUPPORT_LOGIN" -> "support.mail.inbound.mailboxes[1].login";
            case "SUPPORT_MAIL_EXTENDED_SUPPORT_PASSWORD" -> "support.mail.inbound.mailboxes[1].password";
            case "SUPPORT_MAIL_AUTHSERV_IDS" -> "support.mail.inbound.authentication.authserv-ids";
            default -> throw new IllegalArgumentException(variable);
        };
    }

    record Run(int exitCode, String output, Duration took) {
    }

    /** The application in a JVM of its own with the `postgres` profile and exactly these environment variables. */
    static Run start(Map<String, String> environment) throws IOException, InterruptedException {
        Path log = Files.createTempFile("production-profile", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SupportDeskApplication.class.getName(),
                "--spring.profiles.active=postgres", "--server.port=0")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SUPPORT_") || name.startsWith("SPRING_")
                || name.startsWith("CAMUNDA_"));
        builder.environment().putAll(environment);
        Instant started = Instant.now();
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Still running after 2 minutes: " + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log), Duration.between(started, Instant.now()));
    }
}
