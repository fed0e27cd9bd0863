package org.supportdesk.security;

import java.io.IOException;
import java.util.regex.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;
import org.supportdesk.login.PasswordGate;
import org.supportdesk.login.Realm;
import org.supportdesk.login.TooManyFailedLogins;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The login of Camunda's webapps (Tasklist, Cockpit, Admin: {@code POST /camunda/api/admin/auth/user/{engine}/login/{app}})
 * behind the {@link PasswordGate}. Camunda checks the password itself; this filter refuses a throttled user and
 * address with 429 before it can, and reads Camunda's answer: 401 is a wrong password, anything else (200, or 403 for
 * an app the user may not use) means the password was right.
 */
class WebappLoginThrottle extends OncePerRequestFilter {

    private static final Pattern LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?");

    private final ObjectProvider<PasswordGate> gate;
    private final Problems problems;

    /** The gate is looked up at the first request: filters are created before the database schema is migrated. */
    WebappLoginThrottle(ObjectProvider<PasswordGate> gate, Problems problems) {
        this.gate = gate;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !LOGIN.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = request.getParameter("username");
        if (user == null || user.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        try {
            gate.getObject().<Exception>check(Realm.STAFF, user, request.getRemoteAddr(), () -> {
                chain.doFilter(request, response);
                return response.getStatus() != HttpServletResponse.SC_UNAUTHORIZED;
            });
        } catch (TooManyFailedLogins refused) {
            problems.tooManyFailedLogins(response, refused);
        } catch (IOException | ServletException | RuntimeException failed) {
            throw failed;
        } catch (Exception other) {
            throw new ServletException(other);
        }
    }
}
