package io.salus.core.device;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One device's intake state, as a value: its sequencer, its counters, and the time of the newest reading accepted
 * (monitoring shows data freshness from it). {@link DeviceIntake} returns a new one per offered batch.
 */
public record DeviceStream(DeviceId device, BatchSequencer sequencer, IntakeCounters counters,
        Optional<Instant> newestReading) {

    public DeviceStream {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(sequencer, "sequencer");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(newestReading, "newestReading");
    }

    /** A device that has sent nothing yet. */
    public static DeviceStream start(DeviceId device, IntakePolicy policy) {
        return new DeviceStream(device, BatchSequencer.start(policy.window()), IntakeCounters.ZERO,
                Optional.empty());
    }

    /** The visible gaps: sequences not received yet below the highest accepted. */
    public List<SequenceRange> missing() {
        return sequencer.missing();
    }

    DeviceStream with(BatchSequencer s, IntakeCounters c, Optional<Instant> newest) {
        return new DeviceStream(device, s, c, newest);
    }

    DeviceStream with(IntakeCounters c) {
        return new DeviceStream(device, sequencer, c, newestReading);
    }
}
