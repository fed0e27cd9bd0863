package org.supportdesk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** The whole application on a random port with the shared test configuration; process coverage is recorded. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@AutoConfigureObservability(tracing = false) // metrics as in production: /actuator/prometheus is there
@ExtendWith(ResetEngineClock.class)
@Import({ProcessEngineCoverageConfiguration.class, TestFixtures.class, Api.class, Jobs.class, Mailbox.class, Tickets.class,
        RecordingSleeper.class})
public @interface SupportDeskTest {
}
