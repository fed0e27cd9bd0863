package org.supportdesk;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Staff's ways into Camunda as their clients take them: the webapps' login, and the engine REST API with HTTP Basic. */
public final class CamundaWebapps {

    private final int port;

    public CamundaWebapps(int port) {
        this.port = port;
    }

    /** Logs in the way the Camunda webapps do: fetch the XSRF cookie, then post the form with its token. */
    public int login(String user, String password, String app) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        client.send(HttpRequest.newBuilder(uri("/camunda/app/" + app + "/default/")).build(),
                HttpResponse.BodyHandlers.discarding());
        String xsrf = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElseThrow();
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest login = HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return client.send(login, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Signs in to a webapp as its login page does and returns the browser's session, which then calls what that app
     * calls: the engine through {@code /camunda/api/engine/engine/default/...}, Cockpit's plugins through
     * {@code /camunda/api/cockpit/plugin/...}. Fails when the login is refused.
     */
    public Session signIn(String user, String password, String app) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        client.send(HttpRequest.newBuilder(uri("/camunda/app/" + app + "/default/")).build(),
                HttpResponse.BodyHandlers.discarding());
        Session session = new Session(client, cookies);
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> login = session.send("POST", "/camunda/api/admin/auth/user/default/login/" + app,
                "application/x-www-form-urlencoded", form);
        if (login.statusCode() != 200) {
            throw new AssertionError(user + " could not sign in to " + app + ": " + login.statusCode());
        }
        // as the app does next: who am I. Its answer carries the signed-in session's XSRF token
        session.get("/camunda/api/admin/auth/user/default");
        return session;
    }

    /** A signed-in webapp session: its cookies, and the XSRF token the webapps send with every change. */
    public final class Session {
        private final HttpClient client;
        private final CookieManager cookies;

        private Session(HttpClient client, CookieManager cookies) {
            this.client = client;
            this.cookies = cookies;
        }

        public HttpResponse<String> get(String path) throws Exception {
            return send("GET", path, null, null);
        }

        /** The value of the session's cookie {@code name} as the browser holds it now, or null. */
        public String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        /** A GET whose answer is read as bytes (a file download). */
        public HttpResponse<byte[]> download(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        /** A POST with a JSON body, as the webapps query. */
        public HttpResponse<String> post(String path, String json) throws Exception {
            return send("POST", path, "application/json", json);
        }

        HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().ifPresent(token -> request.header("X-XSRF-TOKEN", token));
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A call of the engine REST API; {@code credentials} "user:password" or null, {@code json} a body or null. */
    public HttpResponse<String> engineRest(String method, String path, String credentials, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (credentials != null) {
            request.header("Authorization", basic(credentials));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Deploys files as Camunda Modeler's Deploy button does: {@code POST /engine-rest/deployment/create}, multipart,
     * with the deployment's name and source and each file under its name.
     */
    public HttpResponse<String> deploy(String credentials, Map<String, byte[]> files) throws Exception {
        String boundary = "----modeler" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nfrom Modeler\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-source\"\r\n\r\n"
                + "Camunda Modeler\r\n").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey()
                    + "\"; filename=\"" + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(file.getValue());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri("/engine-rest/deployment/create"))
                .header("Authorization", basic(credentials))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    public static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
