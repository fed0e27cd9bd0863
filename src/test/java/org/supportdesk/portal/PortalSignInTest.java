package org.supportdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;
import org.supportdesk.Api;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.catalog.Product;

/** Signing in and out of the portal: sessions, CSRF, clear messages, throttled guessing (Q4). */
@SupportDeskTest
class PortalSignInTest {

    @Autowired WebApplicationContext context;
    @Autowired TestFixtures fixtures;
    @Autowired Api api;

    MockMvc mvc;
    String paula;

    @BeforeEach
    void setUp() {
        mvc = Portal.mvc(context);
        EngineTime.setNewYork("2026-12-01T10:00");
        paula = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("paula");
    }

    @Test
    void theSignInPageHasALabelledFormWithACsrfToken() throws Exception {
        Document page = Portal.html(mvc.perform(get("/login")).andExpect(status().isOk()).andReturn());

        assertThat(page.select("form[action=/login] input[name=_csrf]")).hasSize(1);
        assertThat(page.select("label[for=email]").text()).isEqualTo("Email address");
        assertThat(page.select("label[for=password]").text()).isEqualTo("Password");
        assertThat(page.select("input#password").attr("type")).isEqualTo("password");
    }

    @Test
    void pagesNeedASignInAndComeBackAfterIt() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/tickets/SD-1001").session(session))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("http://localhost/login"));

        MvcResult signedIn = mvc.perform(signIn(paula, TestFixtures.PASSWORD).session(session))
                .andExpect(status().is3xxRedirection()).andReturn();

        assertThat(signedIn.getResponse().getRedirectedUrl()).contains("/tickets/SD-1001");
    }

    @Test
    void signedInTheSessionOpensThePages() throws Exception {
        MockHttpSession session = signedIn(paula);

        mvc.perform(get("/activities").session(session)).andExpect(status().isOk());
        mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/activities"));
        mvc.perform(get("/login").session(session)).andExpect(redirectedUrl("/activities"));
    }

    @Test
    void aWrongPasswordSaysSoAndKeepsTheAddress() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(signIn(paula, "wrong").session(session)).andExpect(redirectedUrl("/login?error"));

        Document page = Portal.html(mvc.perform(get("/login").param("error", "").session(session)).andReturn());

        assertThat(page.select("#sign-in-error").text()).startsWith("Wrong email address or password.");
        assertThat(page.select("input#email").val()).isEqualTo(paula);
        mvc.perform(get("/activities").session(session)).andExpect(status().is3xxRedirection());
    }

    @Test
    void anUnknownAddressReadsLikeAWrongPassword() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(signIn("nobody@nowhere.example", "x").session(session)).andExpect(redirectedUrl("/login?error"));

        assertThat(Portal.html(mvc.perform(get("/login").session(session)).andReturn()).select("#sign-in-error").text())
                .startsWith("Wrong email address or password.");
    }

    @Test
    void signingInWithoutTheCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/login").param("email", paula).param("password", TestFixtures.PASSWORD))
                .andExpect(status().isForbidden());
    }

    @Test
    void repeatedFailuresFromOneAddressAreRefusedForAWhileButTheOwnerSignsInFromHers() throws Exception {
        for (int i = 1; i <= 5; i++) {
            mvc.perform(signIn(paula, "guess-" + i).with(from("10.9.8.7"))).andExpect(redirectedUrl("/login?error"));
        }

        // the sixth attempt is refused before the password is looked at, even the right one
        mvc.perform(signIn(paula, TestFixtures.PASSWORD).with(from("10.9.8.7")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(forwardedUrl("/login/too-many"));
        // paula, from her own address, is not locked out by someone else's guessing
        mvc.perform(signIn(paula, TestFixtures.PASSWORD).with(from("10.1.1.1"))).andExpect(redirectedUrl("/"));

        EngineTime.set(EngineTime.now().plusSeconds(31));
        mvc.perform(signIn(paula, TestFixtures.PASSWORD).with(from("10.9.8.7"))).andExpect(redirectedUrl("/"));
    }

    @Test
    void eachFurtherFailureDoublesTheWait() throws Exception {
        for (int i = 1; i <= 5; i++) {
            mvc.perform(signIn(paula, "guess-" + i).with(from("10.9.8.6")));
        }
        EngineTime.set(EngineTime.now().plusSeconds(31));
        MockHttpSession session = new MockHttpSession();
        mvc.perform(signIn(paula, "guess-again").with(from("10.9.8.6")).session(session));

        assertThat(Portal.html(mvc.perform(get("/login").session(session)).andReturn()).select("#sign-in-error").text())
                .startsWith("Wrong email address or password.");
        mvc.perform(signIn(paula, TestFixtures.PASSWORD).with(from("10.9.8.6")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "60"));
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        MockHttpSession session = signedIn(paula);

        mvc.perform(post("/logout").with(csrf()).session(session)).andExpect(redirectedUrl("/login?signedOut"));

        mvc.perform(get("/activities").session(session)).andExpect(status().is3xxRedirection());
        assertThat(Portal.html(mvc.perform(get("/login").param("signedOut", "")).andReturn()).text())
                .contains("You are signed out.");
    }

    @Test
    void portalPagesCarryAContentSecurityPolicy() throws Exception {
        MockHttpSession session = signedIn(paula);
        for (MvcResult page : List.of(
                mvc.perform(get("/login")).andExpect(status().isOk()).andReturn(),
                mvc.perform(get("/activities").session(session)).andExpect(status().isOk()).andReturn())) {
            String uri = page.getRequest().getRequestURI();
            Map<String, List<String>> policy = directives(page.getResponse().getHeader("Content-Security-Policy"));

            // only the application's own files: no inline or eval'd script, no other origin, no plug-ins
            assertThat(policy.get("default-src")).as("default-src of %s", uri).containsExactly("'self'");
            assertThat(policy.get("script-src")).as("script-src of %s", uri).containsExactly("'self'");
            assertThat(policy.get("style-src")).as("style-src of %s", uri).containsExactly("'self'");
            assertThat(policy.get("img-src")).as("img-src of %s", uri).containsOnly("'self'", "data:");
            assertThat(policy.get("object-src")).as("object-src of %s", uri).containsExactly("'none'");
            // nobody frames the portal (clickjacking), injected markup cannot redirect links or forms elsewhere
            assertThat(policy.get("frame-ancestors")).as("frame-ancestors of %s", uri).containsExactly("'none'");
            assertThat(policy.get("base-uri")).as("base-uri of %s", uri).containsExactly("'self'");
            assertThat(policy.get("form-action")).as("form-action of %s", uri).containsExactly("'self'");
            assertThat(policy.values()).as("sources of %s", uri).allSatisfy(sources -> assertThat(sources)
                    .noneMatch(source -> source.contains("*") || source.startsWith("'unsafe-")
                            || source.equals("http:") || source.equals("https:")));
            assertThat(page.getResponse().getHeader("X-Frame-Options")).as("X-Frame-Options of %s", uri)
                    .isEqualTo("DENY");
        }
    }

    /** A Content-Security-Policy header as its directives: name to sources, each directive once. */
    private static Map<String, List<String>> directives(String header) {
        assertThat(header).as("Content-Security-Policy header").isNotBlank();
        Map<String, List<String>> directives = new LinkedHashMap<>();
        for (String directive : header.split(";")) {
            List<String> words = List.of(directive.strip().split("\\s+"));
            if (!words.get(0).isEmpty()) {
                assertThat(directives.put(words.get(0).toLowerCase(Locale.ROOT), words.subList(1, words.size())))
                        .as("directive %s given twice", words.get(0)).isNull();
            }
        }
        return directives;
    }

    @Test
    void theCustomerApiStillUsesBasicAuthenticationAndProblemJson() throws Exception {
        assertThat(api.as(paula).get("/api/me").status()).isEqualTo(200);
        Api.Response anonymous = api.anonymous().get("/api/me");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
    }

    @Test
    void staticFilesNeedNoSignIn() throws Exception {
        mvc.perform(get("/css/portal.css")).andExpect(status().isOk());
        mvc.perform(get("/js/portal.js")).andExpect(status().isOk());
    }

    private MockHttpSession signedIn(String email) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(signIn(email, TestFixtures.PASSWORD).session(session)).andExpect(redirectedUrl("/"));
        return session;
    }

    private static MockHttpServletRequestBuilder signIn(String email, String password) {
        return post("/login").param("email", email).param("password", password).with(csrf());
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
