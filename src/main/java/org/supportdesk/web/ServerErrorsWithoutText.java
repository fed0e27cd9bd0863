package org.supportdesk.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Camunda's REST APIs (the engine REST API and the webapps' own) answer a server error with the exception's message,
 * which can quote SQL, table names or file paths. Here a 5xx answer of theirs loses its body and carries a reference
 * instead (logged with the request); 4xx answers, which tell the caller what to change, pass as they are.
 */
@Configuration(proxyBeanMethods = false)
class ServerErrorsWithoutText {

    private static final Logger log = LoggerFactory.getLogger(ServerErrorsWithoutText.class);

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> camundaServerErrors() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter());
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setName("camunda-server-errors-without-text");
        return registration;
    }

    static class Filter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Hiding hiding = new Hiding(response);
            chain.doFilter(request, hiding);
            if (hiding.serverError() && !response.isCommitted()) {
                String reference = UUID.randomUUID().toString();
                log.warn("{} {} answered {}; its text was withheld from the caller (reference {}): {}",
                        request.getMethod(), request.getRequestURI(), hiding.getStatus(), reference, hiding.withheld());
                response.resetBuffer();
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                String body = "{\"type\":\"ServerError\",\"message\":\"The request could not be completed; reference "
                        + reference + "\",\"reference\":\"" + reference + "\"}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                response.setContentLength(bytes.length);
                try {
                    response.getOutputStream().write(bytes);
                } catch (IllegalStateException writerInUse) {
                    response.getWriter().write(body);
                }
            }
        }
    }

    /** Keeps back whatever is written once the status is a server error (the first 4 KiB of it for the log). */
    static class Hiding extends HttpServletResponseWrapper {
        private static final int KEPT = 4096;
        private final java.io.ByteArrayOutputStream withheld = new java.io.ByteArrayOutputStream();
        private final ServletOutputStream discard = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                if (withheld.size() < KEPT) {
                    withheld.write(b);
                }
            }
        };

        String withheld() {
            return withheld.toString(StandardCharsets.UTF_8);
        }

        Hiding(HttpServletResponse response) {
            super(response);
        }

        boolean serverError() {
            return getStatus() >= 500;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            return serverError() ? discard : super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            return serverError() ? new PrintWriter(new java.io.OutputStreamWriter(discard, StandardCharsets.UTF_8), true)
                    : super.getWriter();
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            super.sendError(status);
        }

        @Override
        public void setContentLength(int length) {
            if (!serverError()) {
                super.setContentLength(length);
            }
        }

        @Override
        public void setContentLengthLong(long length) {
            if (!serverError()) {
                super.setContentLengthLong(length);
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (!(serverError() && "Content-Length".equalsIgnoreCase(name))) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!(serverError() && "Content-Length".equalsIgnoreCase(name))) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setIntHeader(String name, int value) {
            if (!(serverError() && "Content-Length".equalsIgnoreCase(name))) {
                super.setIntHeader(name, value);
            }
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!serverError()) {
                super.flushBuffer();
            }
        }
    }
}
