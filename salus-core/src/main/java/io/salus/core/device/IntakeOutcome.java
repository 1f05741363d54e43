package io.salus.core.device;

import io.salus.core.error.Failure;
import java.util.List;

/** What intake made of one offered batch. */
public sealed interface IntakeOutcome {

    /**
     * The batch is new: its readings (in batch order) and their measurements are to be sealed and monitored.
     * {@code inOrder} is false when it arrived ahead of a gap or filled one; {@code missing} are the gaps after it;
     * {@code lostNow} counts sequences that fell out of the window with it, never received.
     */
    record Accepted(long sequence, boolean inOrder, List<Reading> readings, List<Measurement> measurements,
            List<SequenceRange> missing, long lostNow) implements IntakeOutcome {
        public Accepted {
            readings = List.copyOf(readings);
            measurements = List.copyOf(measurements);
            missing = List.copyOf(missing);
        }
    }

    /** The batch was accepted before with the same content: nothing to do (acknowledge it again). */
    record Duplicate(long sequence) implements IntakeOutcome {
    }

    /** The batch is refused; nothing of it is kept. The failure's code says why. */
    record Refused(Failure failure) implements IntakeOutcome {
    }
}
