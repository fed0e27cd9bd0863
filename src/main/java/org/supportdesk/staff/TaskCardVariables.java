package org.supportdesk.staff;

import java.util.Map;

/**
 * The process variables Tasklist shows on every task card (name → label), named by the process that owns them, so
 * agents see which ticket a task is about without opening it.
 */
public interface TaskCardVariables {

    /** In the order the card shows them. */
    Map<String, String> labelsByName();
}
