package org.supportdesk.policy;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;

import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;

/**
 * The engine finds no script engine for any language, JUEL included (which Camunda would otherwise offer as a script
 * language even with no script engine on the class path): a script that got past the gate fails with "Can't find
 * scripting engine" instead of running.
 */
class NoScripts implements ScriptEngineResolver {

    private final ScriptEngineManager none = new ScriptEngineManager(null);

    @Override
    public void addScriptEngineFactory(ScriptEngineFactory factory) {
        // nothing is added: the policy has no scripts
    }

    @Override
    public ScriptEngineManager getScriptEngineManager() {
        return none;
    }

    @Override
    public ScriptEngine getScriptEngine(String language, boolean resolveFromCache) {
        return null;
    }
}
