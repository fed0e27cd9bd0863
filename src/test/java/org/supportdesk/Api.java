package org.supportdesk;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.jayway.jsonpath.JsonPath;

/** The customer API over real HTTP, signed in as someone. */
@TestComponent
public class Api {

    private final TestRestTemplate rest;

    Api(@Lazy TestRestTemplate rest) {
        this.rest = rest;
    }

    public Caller as(String email) {
        return as(email, TestFixtures.PASSWORD);
    }

    public Caller as(String email, String password) {
        return new Caller(rest.withBasicAuth(email, password));
    }

    public Caller anonymous() {
        return new Caller(rest);
    }

    public static final class Caller {
        private final TestRestTemplate rest;

        Caller(TestRestTemplate rest) {
            this.rest = rest;
        }

        public Response get(String path) {
            return exchange(HttpMethod.GET, path, null);
        }

        public Response post(String path, Object body) {
            return exchange(HttpMethod.POST, path, body);
        }

        public Response put(String path) {
            return exchange(HttpMethod.PUT, path, null);
        }

        public Response delete(String path) {
            return exchange(HttpMethod.DELETE, path, null);
        }

        public Response exchange(HttpMethod method, String path, Object body) {
            HttpHeaders headers = new HttpHeaders();
            if (body instanceof String) {
                headers.setContentType(MediaType.APPLICATION_JSON);
            }
            ResponseEntity<String> response = rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
            return new Response(response.getStatusCode().value(), response.getHeaders(), response.getBody());
        }

        public TestRestTemplate template() {
            return rest;
        }
    }

    public record Response(int status, HttpHeaders headers, String body) {

        public <T> T json(String path) {
            return JsonPath.read(body, path);
        }

        public String contentType() {
            MediaType type = headers.getContentType();
            return type == null ? null : type.toString();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
