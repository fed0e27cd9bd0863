package org.supportdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.supportdesk.mail.MailDeliveryVariables.MAIL_ID;
import static org.supportdesk.processes.MailDeliveryDiagram.PROCESS_KEY;
import static org.supportdesk.mail.MailDeliveryVariables.TEMPLATE;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supportdesk.ProcessTestEngine;

/** Every path of {@code mail-delivery}, with {@link MailDelivery} mocked. */
class MailDeliveryPathsTest {

    static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");

    MailDelivery delivery = mock(MailDelivery.class);

    @BeforeEach
    void engine() {
        ProcessTestEngine.start(NOW);
        ProcessTestEngine.register("deliverMail", new DeliverMailDelegate(delivery));
    }

    @AfterEach
    void clock() {
        ProcessTestEngine.reset();
    }

    @Test
    void aQueuedMailIsSentByAJobApartFromTheTicket() {
        ProcessInstance mail = queue(42L);
        assertThat(mail).isWaitingAt("Task_DeliverMail");

        execute(job());

        assertThat(mail).hasPassed("Task_DeliverMail", "EndEvent_MailDelivered").isEnded();
        verify(delivery).deliver(42L);
    }

    @Test
    void aFailingSendIsRetriedEveryMinuteFiveTimesThenBecomesAnIncident() {
        doThrow(new IllegalStateException("SMTP down")).when(delivery).deliver(7L);
        ProcessInstance mail = queue(7L);

        for (int attempt = 1; attempt <= 5; attempt++) {
            Job job = job(mail);
            assertThatThrownBy(() -> managementService().executeJob(job.getId())).hasMessageContaining("SMTP down");
            Job retried = job(mail);
            assertThat(retried.getRetries()).isEqualTo(5 - attempt);
            assertThat(retried.getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(1))));
        }

        Incident incident = runtimeService().createIncidentQuery().processInstanceId(mail.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo("Task_DeliverMail");
        assertThat(incident.getIncidentMessage()).contains("SMTP down");
        assertThat(mail).isWaitingAt("Task_DeliverMail").isNotEnded();
        verify(delivery, times(5)).deliver(7L);
    }

    private static ProcessInstance queue(long mailId) {
        return runtimeService().startProcessInstanceByKey(PROCESS_KEY, "SD-1001",
                Variables.putValue(MAIL_ID, mailId).putValue(TEMPLATE, "agent-reply"));
    }
}
