package org.supportdesk.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportdesk.RawHttp;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.catalog.Product;

import com.jayway.jsonpath.JsonPath;

/**
 * What anyone can send without signing in is read only as far as a few kilobytes; uploads are parsed only for a
 * signed-in customer.
 */
@SupportDeskTest
class AnonymousBodiesTest {

    @LocalServerPort int port;
    @Autowired TestFixtures fixtures;

    @Test
    void aLargeAnonymousApiBodyIsRefusedUnread() throws Exception {
        byte[] body = ("{\"email\":\"" + "a".repeat(100_000) + "@x.example\"}").getBytes(StandardCharsets.UTF_8);

        RawHttp.Response refused = new RawHttp("127.0.0.1", port).send("POST", "/api/password-resets", body,
                "Content-Type: application/json");

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(JsonPath.<String>read(refused.body(), "$.detail")).contains("at most 16384 bytes");
    }

    @Test
    void aChunkedAnonymousApiBodyIsReadOnlyUpToTheLimit() throws Exception {
        RawHttp.Response small = chunked("/api/password-resets", "{\"email\":\"x@nowhere.example\"}", 1);
        RawHttp.Response large = chunked("/api/password-resets", "{\"email\":\"" + "a".repeat(1000), 100);

        assertThat(small.status()).isEqualTo(202);
        assertThat(large.status()).isEqualTo(413);
    }

    @Test
    void aLargeSignInFormIsRefusedUnread() throws Exception {
        byte[] form = ("email=x%40y.example&password=" + "p".repeat(100_000)).getBytes(StandardCharsets.UTF_8);

        RawHttp.Response refused = new RawHttp("127.0.0.1", port).send("POST", "/login", form,
                "Content-Type: application/x-www-form-urlencoded");

        assertThat(refused.status()).isEqualTo(413);
    }

    @Test
    void anAnonymousUploadIsSentToSignInWithoutBeingParsed() throws Exception {
        // over the test's 2 MB request limit: parsed, it would be refused as too large and sent back to the form
        byte[] file = new byte[3 * 1024 * 1024];
        String boundary = "----boundary";
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.log\"\r\n"
                + "Content-Type: text/plain\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        byte[] body = new byte[head.length() + file.length + tail.length()];
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, body, 0, head.length());
        System.arraycopy(tail.getBytes(StandardCharsets.ISO_8859_1), 0, body, head.length() + file.length,
                tail.length());

        RawHttp.Response response = new RawHttp("127.0.0.1", port).send("POST", "/requests", body,
                "Content-Type: multipart/form-data; boundary=" + boundary);

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).endsWith("/login");
    }

    @Test
    void aSignedInCustomersSmallFormsAreNotLimited() throws Exception {
        String cleo = fixtures.organization().activeLicence(Product.LIFECYCLE).contact("cleo");
        RawHttp browser = new RawHttp("127.0.0.1", port);
        String csrf = org.jsoup.Jsoup.parse(browser.get("/login").body()).select("input[name=_csrf]").val();

        RawHttp.Response signedIn = browser.send("POST", "/login",
                ("email=" + cleo.replace("@", "%40") + "&password=" + TestFixtures.PASSWORD + "&_csrf=" + csrf)
                        .getBytes(StandardCharsets.UTF_8), "Content-Type: application/x-www-form-urlencoded");

        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).doesNotContain("error");
    }

    /** Sends {@code piece} {@code times} in chunks without a Content-Length, as streaming clients do. */
    private RawHttp.Response chunked(String path, String piece, int times) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
            try {
                for (int i = 0; i < times; i++) {
                    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(bytes);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before the rest is sent
            }
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return new RawHttp.Response(Integer.parseInt(response.split(" ")[1]), java.util.Map.of(), response);
        }
    }
}
