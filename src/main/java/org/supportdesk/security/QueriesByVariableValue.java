package org.supportdesk.security;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.supportdesk.staff.StaffGroup;
import org.supportdesk.web.Refusal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Process analysts see the policy at work, not what customers wrote. The engine withholds variable values from them
 * (specific variable permissions, {@code staff/StaffDirectorySetup}), but it still answers a query <em>by</em> a
 * variable's value ({@code /process-instance?variables=summary_like_A%25}): which instances match is a yes/no answer
 * that reads any text letter by letter. So, for a login in no group that works tickets (the analysts), this filter
 * refuses with 403, in front of the engine REST API and the webapps' own API (Cockpit's), every request that filters
 * or sorts by a variable's value or correlates a message by one, in its query string or anywhere in its JSON body
 * ({@code orQueries} included), and the historic tasks, whose names carry the ticket's summary.
 *
 * <p>It runs after {@link EngineRestAuthentication}, which tells the engine who calls; the webapps keep their login
 * in the session.
 */
class QueriesByVariableValue extends OncePerRequestFilter {

    /** Query parameters and JSON properties of the two APIs that select or correlate by a variable's value. */
    private static final Set<String> BY_VALUE = Set.of("variables", "processvariables", "taskvariables",
            "caseinstancevariables", "caseexecutionvariables", "variablevalues", "variablevalue", "correlationkeys",
            "localcorrelationkeys");

    /** Historic task instances: a task's name is "Work SD-1001: " and the customer's summary. */
    private static final Pattern HISTORIC_TASKS = Pattern.compile(".*/history/task(/.*)?");

    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS,
                    JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private final ObjectProvider<IdentityService> identity;
    private final Problems problems;

    /** The identity service is looked up at the first request: filters exist before the engine's tables. */
    QueriesByVariableValue(ObjectProvider<IdentityService> identity, Problems problems) {
        this.identity = identity;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!readsNoVariables(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (HISTORIC_TASKS.matcher(path(request)).matches()) {
            refuse(response, "problem.variable-values-withheld.tasks");
            return;
        }
        if (byValue(queryParameters(request.getQueryString()))) {
            refuse(response, "problem.variable-values-withheld");
            return;
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded")) {
            chain.doFilter(request, response); // a deployment from Modeler; the webapps' login. No query reads these
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        if (body.length > 0 && byValue(json(body))) {
            refuse(response, "problem.variable-values-withheld");
            return;
        }
        chain.doFilter(new ReadAgain(request, body), response);
    }

    /** A signed-in login whose groups read no variable values; anonymous requests are the other filters' business. */
    private boolean readsNoVariables(HttpServletRequest request) {
        List<String> groups = null;
        org.camunda.bpm.engine.impl.identity.Authentication engine = identity.getObject().getCurrentAuthentication();
        if (engine != null && engine.getUserId() != null) {
            groups = engine.getGroupIds() == null ? List.of() : engine.getGroupIds();
        } else {
            HttpSession session = request.getSession(false);
            Authentications webapps = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
            if (webapps != null) {
                for (UserAuthentication user : webapps.getAuthentications()) {
                    List<String> ofUser = user.getGroupIds() == null ? List.of() : user.getGroupIds();
                    if (groups == null || !StaffGroup.worksTickets(ofUser)) {
                        groups = ofUser;
                    }
                }
            }
        }
        return groups != null && !StaffGroup.worksTickets(groups);
    }

    private void refuse(HttpServletResponse response, String key) throws IOException {
        problems.write(response, new Refusal(HttpStatus.FORBIDDEN, "variable-values-withheld").saying(key)
                .withText("message", key)); // Cockpit and Modeler show a Camunda error's "message"
    }

    /** The path the REST resources see: decoded, without path parameters and repeated slashes. */
    private static String path(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.replaceAll(";[^/]*", "").replaceAll("/+", "/");
    }

    private static JsonNode queryParameters(String query) {
        var parameters = LENIENT.createObjectNode();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (!value.isEmpty() || !parameters.has(name)) {
                parameters.put(name, value);
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    /** The body as JSON (in any encoding Jackson detects), or null when the APIs could not read it as JSON either. */
    private static JsonNode json(byte[] body) {
        try {
            return LENIENT.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** Whether a property anywhere in the tree selects by a variable's value or sorts by one. */
    static boolean byValue(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey().toLowerCase(Locale.ROOT);
                JsonNode value = field.getValue();
                if (BY_VALUE.contains(name) && !empty(value)) {
                    return true;
                }
                if (name.equals("sortby") && value.asText("").toLowerCase(Locale.ROOT).endsWith("variable")) {
                    return true;
                }
                if (byValue(value)) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (byValue(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean empty(JsonNode value) {
        return value.isNull() || value.isMissingNode() || (value.isContainerNode() && value.isEmpty())
                || (value.isTextual() && value.asText().isBlank());
    }

    /** The request with the body this filter read, to be read again by the API. */
    private static final class ReadAgain extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body was read already");
                }

                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
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
