/**
 * The names the Java side uses of the deployed diagrams in {@code processes/}: each process's key and the ids of the
 * activities, events and messages that code queries, correlates or shows, each named once. A shared building block
 * (it depends on nothing); {@code processes/DiagramNamesTest} fails when a diagram no longer has a name listed here,
 * so a rename in Modeler breaks a test instead of the code that reads it.
 */
package org.supportdesk.processes;
