package org.supportdesk.security;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.supportdesk.portal.PortalSecurity;
import org.supportdesk.web.Refusal;
import org.supportdesk.web.SafeErrorMessages;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What anyone may send without signing in (the sign-in form, accepting an invitation, resetting a password) is a few
 * fields: a body over {@link #MAX_BYTES} is refused (413) having read at most that much. A declared length says so
 * before anything is read; an API body sent in chunks is read into a buffer of that size first; a portal form must
 * declare its length (browsers always do), because the servlet container parses forms from its own buffer (411).
 */
class SmallAnonymousBodies extends OncePerRequestFilter {

    static final int MAX_BYTES = 16 * 1024;
    private static final List<String> API = List.of("/api/invitations/*", "/api/password-resets",
            "/api/password-resets/*");
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final Problems problems;

    SmallAnonymousBodies(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return API.stream().noneMatch(p -> PATHS.match(p, path))
                && List.of(PortalSecurity.ANONYMOUS_FORMS).stream().noneMatch(p -> PATHS.match(p, path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        boolean chunked = length < 0 && request.getHeader("Transfer-Encoding") != null;
        if (length <= MAX_BYTES && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        if (chunked && api) {
            byte[] body = request.getInputStream().readNBytes(MAX_BYTES + 1);
            if (body.length <= MAX_BYTES) {
                chain.doFilter(new BufferedBody(request, body), response);
                return;
            }
            length = body.length;
        }
        HttpStatus status = length < 0 ? HttpStatus.LENGTH_REQUIRED : HttpStatus.PAYLOAD_TOO_LARGE;
        Refusal refusal = new Refusal(status, "body-too-large", MAX_BYTES)
                .saying(length < 0 ? "problem.body-too-large.no-length" : "problem.body-too-large", MAX_BYTES);
        response.setHeader("Connection", "close");
        if (api) {
            problems.write(response, refusal);
        } else {
            SafeErrorMessages.show(request, problems.detail(refusal));
            response.sendError(status.value());
        }
    }

    /** A small body read ahead, served again to whatever reads the request. */
    static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
