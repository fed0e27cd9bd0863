package org.supportdesk.engine;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An agent completes the Work task in Tasklist while the customer's reply lands on the same ticket: both write the
 * process's conversation, and the engine refuses whichever commits second (an optimistic-locking conflict, which
 * Camunda documents as "try again"). Tasklist does not try again; it shows the agent an error. Here a task
 * completion refused that way is sent to the engine again, up to {@link LostRaces#ATTEMPTS} times in all, on what the
 * winner committed, so the agent's answer is accepted and the conversation holds both texts.
 *
 * <p>Only task completions (complete, submit-form, resolve) of the engine REST API and of the webapps' engine API: a
 * refused engine command changed nothing, and these are one command each. The filter is the last before the servlet,
 * so a retry runs the servlet again, inside every other filter (authentication, CSRF) as it was.
 */
@Configuration(proxyBeanMethods = false)
class EngineConflictRetry {

    private static final Logger log = LoggerFactory.getLogger(EngineConflictRetry.class);
    private static final Pattern COMPLETION = Pattern.compile("/task/[^/]+/(complete|submit-form|resolve)$");
    /** A task's form is small; a larger body passes once, without retry. */
    static final int KEPT_BODY = 1024 * 1024;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineConflictRetryFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter());
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        registration.setName("engine-conflict-retry");
        registration.setMatchAfter(true);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }

    static class Filter extends OncePerRequestFilter {

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !"POST".equals(request.getMethod()) || !COMPLETION.matcher(request.getRequestURI()).find();
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            byte[] body = request.getInputStream().readNBytes(KEPT_BODY + 1);
            if (body.length > KEPT_BODY) {
                chain.doFilter(new Replayed(request, body, request.getInputStream()), response);
                return;
            }
            for (int attempt = 1; ; attempt++) {
                ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
                chain.doFilter(new Replayed(request, body, null), answer);
                if (attempt < LostRaces.ATTEMPTS && !response.isCommitted() && lostRace(answer)) {
                    log.info("{} {} lost a race with another transaction (attempt {} of {}); sent to the engine again",
                            request.getMethod(), request.getRequestURI(), attempt, LostRaces.ATTEMPTS);
                    response.reset();
                    LostRaces.pause(attempt);
                    continue;
                }
                answer.copyBodyToResponse();
                return;
            }
        }

        /** The engine's answer to a command that lost: 500 with the conflict's text (it is not shown to anyone). */
        static boolean lostRace(ContentCachingResponseWrapper answer) {
            if (answer.getStatus() < 500) {
                return false;
            }
            String text = new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            return text.contains("optimisticlockingexception")
                    || text.contains("was updated by another transaction concurrently")
                    || text.contains("deadlock detected");
        }
    }

    /** The request with its body read ahead, so that it can be read again for each try. */
    static class Replayed extends HttpServletRequestWrapper {
        private final byte[] body;
        private final InputStream rest;

        Replayed(HttpServletRequest request, byte[] body, InputStream rest) {
            super(request);
            this.body = body;
            this.rest = rest;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = rest == null ? new ByteArrayInputStream(body)
                    : new SequenceInputStream(new ByteArrayInputStream(body), rest);
            return new ServletInputStream() {
                private boolean finished;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    finished = b < 0;
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    finished = n < 0;
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return finished;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return rest == null ? body.length : super.getContentLength();
        }

        @Override
        public long getContentLengthLong() {
            return rest == null ? body.length : super.getContentLengthLong();
        }
    }
}
