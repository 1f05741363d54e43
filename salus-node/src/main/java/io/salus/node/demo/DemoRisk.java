package io.salus.node.demo;

import io.salus.core.account.Account;
import io.salus.core.usecase.scores.RiskHistory;
import io.salus.core.usecase.scores.ScorePoint;
import io.salus.node.wiring.Node;
import java.io.PrintStream;
import java.util.List;

/**
 * The demo's risk scores: the three scores computed on the first demo patient's records and kept (each demo run adds a
 * point to the trend), the outcome of each (the value, or the inputs its data does not give), and where the patient
 * portal shows them.
 */
final class DemoRisk {
    private final Node node;
    private final PrintStream out;

    DemoRisk(Node node, PrintStream out) {
        this.node = node;
        this.out = out;
    }

    void run(Account patient) {
        RiskHistory history = node.riskHistory();
        List<ScorePoint> points = history.compute(patient, patient.id()).orElseThrow().points();
        List<String> shown = points.stream().map(p -> p.model() + " " + (p.value().isPresent()
                ? p.displayed() + " (" + p.band().split(":")[0] + ")"
                : p.reason())).toList();
        long kept = history.history(patient, patient.id()).orElseThrow().size();
        out.printf("Risk scores         %s: %s; %d kept so far%n", patient.displayName(), String.join("; ", shown),
                kept);
        out.printf("Risk scores         portal: %s/portal/patient/risk (sign in with the patient portal token)%n", node
                .apiUrl());
    }
}
