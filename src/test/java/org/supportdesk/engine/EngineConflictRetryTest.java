package org.supportdesk.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import jakarta.servlet.FilterChain;

/** Which engine answers are sent again, and that the request arrives whole each time. */
class EngineConflictRetryTest {

    private static final String CONFLICT = "{\"type\":\"RestException\",\"message\":\"Cannot submit task form 1: "
            + "ENGINE-03005 Execution of 'UPDATE VariableInstanceEntity[7]' failed. Entity was updated by another "
            + "transaction concurrently.\"}";
    private static final String FORM = "{\"variables\":{\"action\":{\"value\":\"REPLY\"}}}";

    private final List<String> bodiesSeen = new ArrayList<>();

    @Test
    void aCompletionThatLostARaceIsSentAgainWithTheSameBodyAndItsSecondAnswerIsReturned() throws Exception {
        MockHttpServletResponse response = run(post("/engine-rest/task/1/submit-form"), 500, 204);

        assertThat(response.getStatus()).isEqualTo(204);
        assertThat(response.getContentAsString()).isEmpty();
        assertThat(bodiesSeen).containsExactly(FORM, FORM);
    }

    @Test
    void tasklistsOwnApiIsCoveredToo() throws Exception {
        MockHttpServletResponse response = run(post("/camunda/api/engine/engine/default/task/1/complete"), 500, 204);

        assertThat(response.getStatus()).isEqualTo(204);
        assertThat(bodiesSeen).hasSize(2);
    }

    @Test
    void anotherServerErrorIsNotRepeated() throws Exception {
        Chain chain = new Chain(new int[] {500, 204}, "{\"type\":\"ProcessEngineException\",\"message\":\"broken\"}");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new EngineConflictRetry.Filter().doFilter(post("/engine-rest/task/1/complete"), response, chain);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentAsString()).contains("broken");
        assertThat(bodiesSeen).hasSize(1);
    }

    @Test
    void afterFourLostRacesTheCallerGetsTheFailure() throws Exception {
        MockHttpServletResponse response = run(post("/engine-rest/task/1/complete"), 500, 500, 500, 500, 204);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(bodiesSeen).hasSize(LostRaces.ATTEMPTS);
    }

    @Test
    void otherCallsPassOnceEvenWhenTheyLose() throws Exception {
        MockHttpServletRequest claim = post("/engine-rest/task/1/claim");
        MockHttpServletResponse response = run(claim, 500, 204);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(bodiesSeen).hasSize(1);
    }

    private MockHttpServletResponse run(MockHttpServletRequest request, int... statuses) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new EngineConflictRetry.Filter().doFilter(request, response, new Chain(statuses, CONFLICT));
        return response;
    }

    private static MockHttpServletRequest post(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.setContentType("application/json");
        request.setContent(FORM.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    /** The servlet: reads the body, answers the next status, with the conflict's text on a 500. */
    private final class Chain implements FilterChain {
        private final int[] statuses;
        private final String error;
        private int call;

        Chain(int[] statuses, String error) {
            this.statuses = statuses;
            this.error = error;
        }

        @Override
        public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response)
                throws java.io.IOException {
            bodiesSeen.add(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            int status = statuses[call++];
            jakarta.servlet.http.HttpServletResponse http = (jakarta.servlet.http.HttpServletResponse) response;
            http.setStatus(status);
            if (status >= 500) {
                http.setContentType("application/json");
                http.getOutputStream().write(error.getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
