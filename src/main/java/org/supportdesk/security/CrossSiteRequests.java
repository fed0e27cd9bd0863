package org.supportdesk.security;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.web.filter.OncePerRequestFilter;
import org.supportdesk.web.Refusal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A browser sends the HTTP Basic login it has stored for the desk with every request to it, also with a form or a
 * script of another site's page: without a check, any page a signed-in agent opens could accept inbound mail or add
 * notes in their name. A request that changes something (any method but GET, HEAD, OPTIONS and TRACE) and carries
 * HTTP Basic credentials is refused (403, before its password is checked) when its {@code Origin} header, or without
 * one its {@code Referer}, names another site than the desk's own; {@code Origin: null} (sandboxed frames, some
 * redirects) counts as another site. The desk's own is the origin of {@code support.mail.portal-url} and the origin
 * the request was addressed to (scheme and Host as the servlet sees them, which a browser cannot forge). Clients that
 * send neither header (curl, scripts) are not browsers carrying a stored login, and go ahead.
 */
class CrossSiteRequests extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final int LONGEST_SHOWN = 100;

    private final Optional<String> portal;
    private final Problems problems;

    /** @param portalUrl {@code support.mail.portal-url}; may be empty (then only the request's own origin counts) */
    CrossSiteRequests(String portalUrl, Problems problems) {
        this.portal = origin(portalUrl);
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT)) || authorization == null
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader("Origin");
        String named = origin != null ? origin : request.getHeader("Referer");
        if (named == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> from = origin(named);
        Set<String> own = new LinkedHashSet<>();
        portal.ifPresent(own::add);
        String host = request.getServerName();
        origin(request.getScheme() + "://" + (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host)
                + ":" + request.getServerPort()).ifPresent(own::add);
        if (from.isPresent() && own.contains(from.get())) {
            chain.doFilter(request, response);
            return;
        }
        String shown = from.orElseGet(() -> named.strip().replaceAll("\\p{Cntrl}", ""));
        problems.write(response, Refusal.forbidden("cross-site-request",
                shown.length() <= LONGEST_SHOWN ? shown : shown.substring(0, LONGEST_SHOWN) + "…",
                String.join(" or ", own)));
    }

    /**
     * {@code scheme://host:port} of an http(s) address, lower case, with the scheme's default port written out, so
     * that {@code https://Desk.example} and {@code https://desk.example:443/staff} are the same; empty for anything
     * else ({@code null}, another scheme, no host, not an address).
     */
    static Optional<String> origin(String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(address.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return Optional.empty();
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (URISyntaxException notAnAddress) {
            return Optional.empty();
        }
    }
}
