package org.supportdesk.ticket;

import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Customer texts as process variables. The engine's String variables hold at most 4,000 characters; a Json
 * variable holding a JSON string has no such limit, and Tasklist's Camunda Forms turn it back into plain text.
 */
public final class LongText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LongText() {
    }

    public static TypedValue of(String text) {
        try {
            return SpinValues.jsonValue(JSON.writeValueAsString(text == null ? "" : text)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Reads a variable written by {@link #of}; plain strings pass through. */
    public static String read(Object value) {
        if (value instanceof JsonValue json) {
            return json.getValue().stringValue();
        }
        if (value instanceof org.camunda.spin.json.SpinJsonNode node) {
            return node.stringValue();
        }
        return value == null ? null : value.toString();
    }
}
