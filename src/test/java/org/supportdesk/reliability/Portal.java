package org.supportdesk.reliability;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One browser: a cookie jar shared by both nodes (one session, stored in the database), the portal's sign-in form and
 * its CSRF tokens.
 */
final class Portal {

    private static final Pattern CSRF = Pattern.compile(
            "name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .connectTimeout(Duration.ofSeconds(3)).followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> get(Node node, String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(node.url() + path)).GET());
    }

    HttpResponse<String> post(Node node, String path, Map<String, String> form) throws IOException {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(node.url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF token in the page");
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    /** Signs in on {@code node}'s form; the session then works on every node. */
    void signIn(Node node, String email, String password) throws IOException {
        String token = csrf(get(node, "/login").body());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("email", email);
        form.put("password", password);
        form.put("_csrf", token);
        HttpResponse<String> response = post(node, "/login", form);
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || location.contains("error") || location.contains("/login")) {
            throw new IllegalStateException("portal sign-in failed: " + response.statusCode() + " " + location);
        }
    }

    /** The reply form of the ticket page: its CSRF token. */
    String replyToken(Node node, String number) throws IOException {
        HttpResponse<String> page = get(node, "/tickets/" + number);
        if (page.statusCode() != 200) {
            throw new IllegalStateException("ticket page " + number + ": " + page.statusCode());
        }
        return csrf(page.body());
    }

    HttpResponse<String> reply(Node node, String number, String token, String body) throws IOException {
        return post(node, "/tickets/" + number + "/replies", Map.of("body", body, "_csrf", token));
    }
}
