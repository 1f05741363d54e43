package io.salus.core.device;

/** The sequence numbers {@code first..last} (inclusive) of one gap in a device's stream. */
public record SequenceRange(long first, long last) {
    public SequenceRange {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("a range is 1 <= first <= last");
        }
    }

    public long size() {
        return last - first + 1;
    }
}
