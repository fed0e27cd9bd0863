package org.supportdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.Api;
import org.supportdesk.Api.Response;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;

/**
 * A refused request is a problem whose field errors carry stable codes, and whose texts are the ones in
 * {@code messages.properties} (read here straight from the file, not through the application).
 */
@SupportDeskTest
class RefusedRequestApiTest {

    @Autowired Api api;
    @Autowired TestFixtures fixtures;

    String rita;

    @BeforeEach
    void organisation() {
        EngineTime.setNewYork("2026-12-01T10:00");
        rita = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita");
    }

    @Test
    void fieldErrorsHaveCodesAndTheTextsOfTheMessagesFile() throws IOException {
        Properties texts = messagesFile();
        Map<String, Object> request = Tickets.request();
        request.put("summary", " ");
        request.put("product", "TOASTER");
        request.put("description", "x".repeat(50_001));
        request.put("cc", List.of("not an address"));

        Response response = api.as(rita).post("/api/tickets", request);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>json("$.type")).isEqualTo("urn:support-desk:problem:invalid-fields");
        assertThat(response.<String>json("$.title")).isEqualTo(texts.getProperty("problem.title.400"));
        assertThat(response.<List<String>>json("$.errors[*].field"))
                .containsExactly("product", "summary", "description", "cc");
        assertThat(response.<List<String>>json("$.errors[*].code"))
                .containsExactly("not-one-of", "required", "too-long", "not-an-email");
        String notOneOf = format(texts, "field.not-one-of", "REPOSITORY_MANAGER, LIFECYCLE, FIREWALL");
        String required = format(texts, "field.required");
        String tooLong = format(texts, "field.too-long", 50_000);
        String notAnEmail = format(texts, "field.not-an-email.address", "not an address");
        assertThat(response.<List<String>>json("$.errors[*].message"))
                .containsExactly(notOneOf, required, tooLong, notAnEmail);
        assertThat(notOneOf).isEqualTo("must be one of REPOSITORY_MANAGER, LIFECYCLE, FIREWALL");
        assertThat(tooLong).isEqualTo("is longer than 50000 characters");
        assertThat(notAnEmail).isEqualTo("'not an address' is not an email address");
        assertThat(response.<String>json("$.detail")).isEqualTo(format(texts, "problem.invalid-fields",
                "product " + notOneOf + "; summary " + required + "; description " + tooLong + "; cc " + notAnEmail));
    }

    @Test
    void aRefusalWithoutFieldsHasTheTextOfItsCode() throws IOException {
        Response response = api.as(rita).get("/api/tickets/SD-999999");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.<String>json("$.type")).isEqualTo("urn:support-desk:problem:not-found");
        assertThat(response.<String>json("$.title")).isEqualTo(messagesFile().getProperty("problem.title.404"));
        assertThat(response.<String>json("$.detail"))
                .isEqualTo(format(messagesFile(), "problem.not-found.ticket", "SD-999999"))
                .isEqualTo("Ticket SD-999999 was not found.");
    }

    private static String format(Properties texts, String key, Object... arguments) {
        assertThat(texts).containsKey(key);
        return new MessageFormat(texts.getProperty(key)).format(arguments);
    }

    static Properties messagesFile() throws IOException {
        Properties texts = new Properties();
        try (var in = RefusedRequestApiTest.class.getResourceAsStream("/messages.properties")) {
            texts.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return texts;
    }
}
