package io.salus.core.monitoring;

/** How urgent an alert is. Only urgent alerts escalate when nobody acknowledges them. */
public enum Severity {
    WARNING,
    URGENT
}
