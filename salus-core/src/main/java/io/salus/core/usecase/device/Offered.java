package io.salus.core.usecase.device;

import io.salus.core.device.DeviceStream;
import io.salus.core.device.IntakeOutcome;
import io.salus.core.record.RecordId;
import java.util.Optional;

/**
 * What the node did with an offered batch: the intake's outcome, the record the batch was sealed into (accepted, or
 * the earlier record of a duplicate) and the device's stream afterwards (counters, gaps, freshness).
 */
public record Offered(IntakeOutcome outcome, Optional<RecordId> record, DeviceStream stream) {
}
