package io.salus.core.monitoring;

import java.util.List;

/**
 * A monitoring rule of a patient's plan, as a value. Rules are checked when a plan is made
 * ({@link MonitoringPlan#of}); {@link #problems} lists what is wrong with one.
 */
public sealed interface Rule permits ThresholdRule, TrendRule, SilenceRule, News2Rule {

    RuleId id();

    /** What the patient and their contacts read, e.g. "Hypertensive crisis (systolic)". */
    String title();

    Severity severity();

    /** What is wrong with this rule's parameters; empty when it is valid. */
    List<String> problems();
}
