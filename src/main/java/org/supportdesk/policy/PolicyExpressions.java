package org.supportdesk.policy;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.impl.el.ReadOnlyMapELResolver;
import org.camunda.bpm.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;

/**
 * The engine's expressions, narrowed to the policy vocabulary at run time (the gate checks the same before a model is
 * deployed): names resolve to process variables or to the published beans only, never to the rest of the
 * application; methods may be called on the published function beans only, and only the published ones.
 */
class PolicyExpressions extends JuelExpressionManager {

    PolicyExpressions(Function<String, Object> beans) {
        super(published(beans));
    }

    /** The published beans, looked up when an expression first names one (the application may still be starting). */
    private static Map<Object, Object> published(Function<String, Object> beans) {
        Set<String> names = Vocabulary.beanNames();
        return new AbstractMap<>() {
            @Override
            public boolean containsKey(Object name) {
                return names.contains(name) && beans.apply((String) name) != null;
            }

            @Override
            public Object get(Object name) {
                return names.contains(name) ? beans.apply((String) name) : null;
            }

            @Override
            public Set<Entry<Object, Object>> entrySet() {
                throw new UnsupportedOperationException("the published beans are looked up by name");
            }
        };
    }

    @Override
    protected ELResolver createElResolver() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new VariableScopeElResolver());
        resolver.add(new VariableContextElResolver());
        resolver.add(new ReadOnlyMapELResolver(beans));
        resolver.add(new ArrayELResolver());
        resolver.add(new ListELResolver());
        resolver.add(new MapELResolver());
        resolver.add(new PublishedOnly());
        return resolver;
    }

    /** Properties of plain values; the execution's published properties; calls of published functions only. */
    static class PublishedOnly extends BeanELResolver {

        private static final Set<String> NEVER = Set.of("class", "classLoader", "declaringClass");

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (base != null) {
                String name = String.valueOf(property);
                boolean scope = base instanceof VariableScope;
                if (NEVER.contains(name) || base instanceof Class<?> || base instanceof ClassLoader
                        || (scope && Vocabulary.executionProperty(name).isEmpty())) {
                    throw new ELException("`" + name + "` is not part of the policy vocabulary ("
                            + Vocabulary.DOCS + ")");
                }
            }
            return super.getValue(context, base, property);
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
            if (base == null || !Vocabulary.publishes(base, String.valueOf(method), params == null ? 0 : params.length)) {
                throw new ELException("`" + method + "` is not a published function (" + Vocabulary.DOCS + ")");
            }
            return super.invoke(context, base, method, types, params);
        }
    }
}
