package io.salus.core.device;

import java.util.List;
import java.util.Objects;

/** A batch as a device delivers it: the signed part and the readings whose hashes it lists, in the same order. */
public record BatchUpload(SignedBatch signed, List<Reading> readings) {
    public BatchUpload {
        Objects.requireNonNull(signed, "signed");
        readings = List.copyOf(readings);
    }
}
