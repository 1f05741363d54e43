package io.salus.core.usecase.device;

import io.salus.core.account.AccountId;
import io.salus.core.device.Measurement;
import java.util.List;

/**
 * Where accepted readings go after they are stored: monitoring. Called once per accepted batch (again for a
 * re-delivered one that was stored but not yet monitored), with the measurements in batch order.
 */
@FunctionalInterface
public interface MeasurementSink {
    MeasurementSink NONE = (patient, measurements, source) -> {
    };

    void observe(AccountId patient, List<Measurement> measurements, String source);
}
