package org.supportdesk.portal;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The portal through MockMvc with the real security filters, on the shared test application (built by hand rather
 * than with {@code @AutoConfigureMockMvc}, which would start a second application context and mail server).
 */
final class Portal {

    private Portal() {
    }

    static MockMvc mvc(WebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    /** Signed in as this customer (a session after the sign-in form, as far as the pages can tell). */
    static RequestPostProcessor as(String email) {
        return user(email).roles("CUSTOMER");
    }

    static Document html(MvcResult result) throws Exception {
        return Jsoup.parse(result.getResponse().getContentAsString());
    }

    static String body(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString();
    }
}
