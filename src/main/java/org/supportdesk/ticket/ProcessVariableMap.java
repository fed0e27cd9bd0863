package org.supportdesk.ticket;

import java.util.AbstractMap;
import java.util.Set;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;

/**
 * A process's variables as a mail template asks for them, one by one: reading them all would deserialize every
 * long text of the ticket for each mail.
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
        Object value = scope.getVariable((String) key);
        return value instanceof SpinJsonNode ? LongText.read(value) : value;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        throw new UnsupportedOperationException("process variables are read by name");
    }
}
