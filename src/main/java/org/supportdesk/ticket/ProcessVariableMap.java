package org.supportdesk.ticket;

import java.util.AbstractMap;
import java.util.Set;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process's variables as a mail template asks for them, one by one (a template names a few of them; reading all
 * of a process's variables for every mail would be wasted work).
 */
final class ProcessVariableMap extends AbstractMap<String, Object> {

    private final VariableScope scope;

    ProcessVariableMap(VariableScope scope) {
        this.scope = scope;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && scope.hasVariable(name);
    }

    @Override
    public Object get(Object key) {
        if (!containsKey(key)) {
            return null;
        }
        return scope.getVariable((String) key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        throw new UnsupportedOperationException("process variables are read by name");
    }
}
