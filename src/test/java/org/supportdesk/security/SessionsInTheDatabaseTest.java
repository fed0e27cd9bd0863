package org.supportdesk.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.supportdesk.RawHttp;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.catalog.Product;

/**
 * Q3: portal and Camunda webapp sessions live in the database (Spring Session JDBC), whole and readable by any node
 * of the same version: nothing of a session is in one node's memory.
 */
@SupportDeskTest
class SessionsInTheDatabaseTest {

    @LocalServerPort int port;
    @Autowired TestFixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired JdbcIndexedSessionRepository repository;

    @Test
    void aPortalSignInIsASessionRowWithTheCustomer() throws Exception {
        String cleo = fixtures.organization().activeLicence(Product.LIFECYCLE).contact("cleo");
        RawHttp browser = new RawHttp("127.0.0.1", port);
        String csrf = org.jsoup.Jsoup.parse(browser.get("/login").body()).select("input[name=_csrf]").val();

        browser.send("POST", "/login", form("email", cleo, "password", TestFixtures.PASSWORD, "_csrf", csrf),
                "Content-Type: application/x-www-form-urlencoded");

        assertThat(jdbc.sql("select count(*) from spring_session where principal_name = ?").param(cleo)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(browser.get("/activities").status()).isEqualTo(200);
    }

    @Test
    void aTasklistSignInIsStoredWholeAndReadsBackAsTheSameUser() throws Exception {
        RawHttp browser = new RawHttp("127.0.0.1", port);
        browser.get("/camunda/app/tasklist/default/");
        RawHttp.Response login = browser.send("POST", "/camunda/api/admin/auth/user/default/login/tasklist",
                form("username", "agent", "password", "agent"), "Content-Type: application/x-www-form-urlencoded",
                "X-XSRF-TOKEN: " + browser.cookie("XSRF-TOKEN"));
        assertThat(login.status()).isEqualTo(200);

        byte[] stored = jdbc.sql("""
                        select a.attribute_bytes from spring_session_attributes a
                        join spring_session s on s.primary_id = a.session_primary_id
                        where a.attribute_name = 'authenticatedUser' order by s.creation_time desc limit 1""")
                .query(byte[].class).single();
        Object read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(stored))) {
            read = in.readObject();
        }
        assertThat(((Authentications) read).getAuthentications()).singleElement()
                .satisfies(user -> assertThat(user.getIdentityId()).isEqualTo("agent"));
        assertThat(browser.get("/camunda/api/engine/engine/default/task/count", "X-XSRF-TOKEN: "
                + browser.cookie("XSRF-TOKEN")).status()).isEqualTo(200);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void twoRequestsOfOneSessionThatAddTheSameAttributeBothSucceed() {
        SessionRepository<Session> sessions = (SessionRepository) repository;
        Session created = sessions.createSession();
        sessions.save(created);
        // two requests of one browser, on two nodes or two threads, each load the session before either saves
        Session first = sessions.findById(created.getId());
        Session second = sessions.findById(created.getId());
        first.setAttribute("notice", "from the first request");
        second.setAttribute("notice", "from the second request");

        sessions.save(first);
        sessions.save(second);

        assertThat(sessions.findById(created.getId()).<String>getAttribute("notice"))
                .isEqualTo("from the second request");
        sessions.deleteById(created.getId());
    }

    private static byte[] form(String... pairs) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            form.append(form.isEmpty() ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }
}
