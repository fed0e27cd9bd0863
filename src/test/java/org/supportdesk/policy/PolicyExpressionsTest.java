package org.supportdesk.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.impl.juel.ExpressionFactoryImpl;
import org.camunda.bpm.impl.juel.SimpleContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.impl.juel.jakarta.el.PropertyNotFoundException;
import org.junit.jupiter.api.Test;
import org.supportdesk.ticket.BusinessTime;

/**
 * Behind the gate, the engine's expressions themselves are narrowed to the vocabulary: a model that reached the
 * engine some other way (deployed before the gate existed, say) still cannot call into the program.
 */
class PolicyExpressionsTest {

    private final BusinessTime businessTime = mock(BusinessTime.class);
    private final Object environment = new Object();
    private final Map<String, Object> application = Map.of("businessTime", businessTime, "environment", environment);
    private final SimpleContext context =
            new SimpleContext(new PolicyExpressions(application::get).createElResolver());

    private Object evaluate(String expression) {
        return new ExpressionFactoryImpl().createValueExpression(context, expression, Object.class).getValue(context);
    }

    @Test
    void aPublishedFunctionIsCalled() {
        Date from = new Date(0);
        VariableScope execution = mock(VariableScope.class);
        when(businessTime.plusBusinessDays(execution, from, 2)).thenReturn(new Date(172_800_000));
        context.setVariable("from", new ExpressionFactoryImpl().createValueExpression(from, Date.class));
        context.setVariable("execution", new ExpressionFactoryImpl().createValueExpression(execution,
                VariableScope.class));

        assertThat(evaluate("${businessTime.plusBusinessDays(execution, from, 2)}")).isEqualTo(new Date(172_800_000));
    }

    @Test
    void noMethodOfAnythingElseRuns() {
        assertThatThrownBy(() -> evaluate("${''.getClass().forName('java.lang.Runtime')}"))
                .isInstanceOf(ELException.class).hasMessageContaining("`getClass` is not a published function");
        assertThatThrownBy(() -> evaluate("${businessTime.toString()}"))
                .isInstanceOf(ELException.class).hasMessageContaining("`toString` is not a published function");
    }

    @Test
    void noClassIsReachedThroughAProperty() {
        assertThatThrownBy(() -> evaluate("${businessTime.class}"))
                .isInstanceOf(ELException.class).hasMessageContaining("`class` is not part of the policy vocabulary");
        assertThatThrownBy(() -> evaluate("${'x'['class']}")).isInstanceOf(ELException.class);
    }

    @Test
    void beansThatAreNotPublishedDoNotResolve() {
        assertThatThrownBy(() -> evaluate("${environment}")).isInstanceOf(PropertyNotFoundException.class);
        assertThat(evaluate("${businessTime}")).isSameAs(businessTime);
    }
}
