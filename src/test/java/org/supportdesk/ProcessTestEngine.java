package org.supportdesk;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;
import org.supportdesk.policy.DeploymentGate;
import org.supportdesk.outage.OutageService;
import org.supportdesk.outage.OutageSteps;
import org.supportdesk.ticket.ActingStaff;
import org.supportdesk.ticket.AgentAction;
import org.supportdesk.ticket.AgentWordsLeaveNoTrace;
import org.supportdesk.ticket.BusinessTime;
import org.supportdesk.ticket.TicketNotifier;
import org.supportdesk.ticket.TicketStatus;
import org.supportdesk.ticket.TicketSteps;
import org.supportdesk.ticket.TicketWorkflow;

/**
 * One in-memory process engine for the process path tests, without Spring: H2, full history, no job executor (tests
 * execute jobs themselves), the diagrams, the decisions and the forms of the project folders deployed once, through
 * the deployment gate.
 * The diagrams' expression beans are the real delegates, built by each test with Mockito mocks of their services.
 */
public final class ProcessTestEngine {

    private static final Map<Object, Object> BEANS = new HashMap<>();
    private static ProcessEngine engine;

    private ProcessTestEngine() {
    }

    /** The id {@code recordAgentAction} answers for the message an answer wrote. */
    public static final long MESSAGE_ID = 4711L;

    public static synchronized ProcessEngine engine() {
        if (engine == null) {
            StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
            configuration.setProcessEngineName("process-paths");
            configuration.setJdbcUrl("jdbc:h2:mem:process-paths;DB_CLOSE_DELAY=-1");
            configuration.setDatabaseSchemaUpdate("create-drop");
            configuration.setHistory("full");
            configuration.setJobExecutorActivate(false);
            configuration.setBeans(BEANS);
            configuration.getProcessEnginePlugins().add(new SpinProcessEnginePlugin());
            // the diagrams pass the deployment gate and run with the engine narrowed to the policy vocabulary, as
            // in the application
            configuration.getProcessEnginePlugins().add(new DeploymentGate(name -> false, BEANS::get));
            // what agents write on a form passes through the process without being stored, as in the application
            configuration.getProcessEnginePlugins().add(new AgentWordsLeaveNoTrace());
            engine = configuration.buildProcessEngine();
            // not the engine of the Spring Boot tests in the same JVM: they find theirs as the only registered one
            ProcessEngines.unregister(engine);
            deployProjectFolders(engine);
        }
        BpmnAwareTests.init(engine);
        return engine;
    }

    private static void deployProjectFolders(ProcessEngine engine) {
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("process-paths");
        for (String folder : List.of("processes", "forms")) {
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (Path file : files.sorted().toList()) {
                    deployment.addInputStream(file.getFileName().toString(),
                            new ByteArrayInputStream(Files.readAllBytes(file)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        deployment.deploy();
    }

    /** An expression bean of the diagrams, e.g. {@code notify} for {@code #{notify}}. */
    public static void register(String name, Object bean) {
        BEANS.put(name, bean);
    }

    /** Submits a task's form with these values, as Tasklist does (what agents write stays out of the process). */
    public static void submit(org.camunda.bpm.engine.task.Task task, Map<String, Object> values) {
        engine().getFormService().submitTaskForm(task.getId(), values);
    }

    /** Engine time, as timers and delegates see it. */
    public static void now(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    /** The engine for a test, its clock at {@code now}, no beans registered yet. */
    public static ProcessEngine start(Instant now) {
        reset();
        ProcessEngine started = engine();
        now(now);
        return started;
    }

    /** Forgets the test's beans and clock, and the engine of the assertions (the Spring Boot tests find theirs). */
    public static void reset() {
        BEANS.clear();
        ClockUtil.reset();
        BpmnAwareTests.reset();
    }

    /** The delegates' services, mocked, answering as the real services do where the diagrams read the answer. */
    public record Services(TicketWorkflow workflow, TicketNotifier notifier, ActingStaff acting,
                           OutageService outages, BusinessTime businessTime) {
    }

    /**
     * Builds the engine, registers every delegate of {@code support-ticket}, {@code sev1-outage} and
     * {@code extended-support-escalation} with fresh mocks, and {@code businessTime} as a mock, and sets the clock.
     * The mocks answer {@code changeStatus}, {@code recordAgentAction}, {@code confirm}, {@code acknowledge},
     * {@code downgrade} and {@code markSev1} with what was asked, at {@code now}.
     */
    public static Services withMockedServices(Instant now) {
        start(now);
        Services services = new Services(mock(TicketWorkflow.class), mock(TicketNotifier.class),
                mock(ActingStaff.class), mock(OutageService.class), mock(BusinessTime.class));
        when(services.workflow().changeStatus(anyLong(), any(), any())).thenAnswer(call -> {
            TicketStatus status = call.getArgument(1);
            return new TicketWorkflow.StatusChange(status, status == TicketStatus.CLOSED ? call.getArgument(2) : null,
                    now);
        });
        when(services.workflow().recordAgentAction(anyLong(), any(), any())).thenAnswer(call -> {
            TicketWorkflow.AgentInput input = call.getArgument(2);
            AgentAction action = input.action();
            return new TicketWorkflow.AgentAnswer(action, action.respondsToCustomer() && input.reply() != null
                    ? MESSAGE_ID : null, now);
        });
        when(services.outages().confirm(anyLong())).thenReturn(now);
        when(services.outages().acknowledge(anyLong(), any())).thenReturn(now);
        when(services.outages().downgrade(anyLong(), any(), any(), any())).thenAnswer(call ->
                new OutageService.Downgrade(call.getArgument(2), 1, now));
        when(services.acting().of(any())).thenAnswer(call -> {
            String user = services.acting().user(call.getArgument(0));
            return user != null ? user : "support";
        });
        // business time as in business hours far from closing: an hour of business time is an hour on the clock,
        // and business hours end a day later (tests of closing time use the real calendar: Sev1AtClosingPathsTest)
        when(services.businessTime().plusBusinessHours(any(), any(), any())).thenAnswer(call -> Date.from(
                call.<Date>getArgument(1).toInstant().plus(java.time.Duration.parse(call.getArgument(2)))));
        when(services.businessTime().plusHours(any(), any())).thenCallRealMethod();
        when(services.businessTime().nextClosing(any())).thenReturn(Date.from(now.plus(java.time.Duration.ofDays(1))));
        when(services.businessTime().describe(any(), any())).thenAnswer(call -> String.valueOf(
                call.<Date>getArgument(1).toInstant()));
        TicketSteps.register(services.workflow(), services.notifier(), services.acting());
        OutageSteps.register(services.outages(), services.acting());
        register("businessTime", services.businessTime());
        return services;
    }
}
