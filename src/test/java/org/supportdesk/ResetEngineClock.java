package org.supportdesk;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Every test starts with the real clock and no process instance left over from the previous one: otherwise moving
 * the clock in one test would fire the timers of all earlier tests' tickets. Failed sign-ins (and the delays they
 * caused) are forgotten too: the tests share one client address, and one test's guessing must not refuse the next
 * test's sign-in.
 */
public class ResetEngineClock implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        EngineTime.reset();
        org.springframework.context.ApplicationContext spring = SpringExtension.getApplicationContext(context);
        org.springframework.jdbc.core.simple.JdbcClient jdbc = spring.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        jdbc.sql("delete from login_failure").update();
        jdbc.sql("delete from login_known_address").update();
        spring.getBeanProvider(RecordingSleeper.class).ifAvailable(RecordingSleeper::forget);
        RuntimeService runtime = spring.getBean(RuntimeService.class);
        List<String> running = runtime.createProcessInstanceQuery().rootProcessInstances().list().stream()
                .map(ProcessInstance::getId).toList();
        if (!running.isEmpty()) {
            runtime.deleteProcessInstances(running, "test finished", true, true, false);
        }
    }
}
