package io.salus.core.usecase.monitoring;

import io.salus.core.account.AccountId;
import io.salus.core.device.Measure;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a patient chose for monitoring on top of the standard rules ({@code StandardRules.all()}): the providers who
 * receive their alerts, in escalation order after the patient and their delegates, and the silence periods per
 * measure (a stream silent that long raises its own alert).
 */
public record PlanConfig(List<AccountId> providers, Map<Measure, Duration> silence) {
    public static final PlanConfig DEFAULT = new PlanConfig(List.of(), Map.of());

    public PlanConfig {
        providers = List.copyOf(providers);
        silence = Map.copyOf(silence);
    }
}
