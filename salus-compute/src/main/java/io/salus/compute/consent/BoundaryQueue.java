package io.salus.compute.consent;

import java.util.Arrays;

/**
 * A min-heap of (key, patient ordinal) pairs on primitive arrays: upcoming window boundaries (key = epoch second) or
 * pending revocations (key = block). Stale entries are harmless: popping one only recomputes a patient. Not
 * thread-safe (the index guards it).
 */
final class BoundaryQueue {
    private long[] keys = new long[16];
    private int[] ordinals = new int[16];
    private int size;

    void push(long key, int ordinal) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            ordinals = Arrays.copyOf(ordinals, size * 2);
        }
        int i = size++;
        while (i > 0 && keys[(i - 1) / 2] > key) {
            int parent = (i - 1) / 2;
            keys[i] = keys[parent];
            ordinals[i] = ordinals[parent];
            i = parent;
        }
        keys[i] = key;
        ordinals[i] = ordinal;
    }

    /** The smallest key, or {@link Long#MAX_VALUE} when empty. */
    long peekKey() {
        return size == 0 ? Long.MAX_VALUE : keys[0];
    }

    /** Removes the smallest entry and returns its ordinal. */
    int pop() {
        int top = ordinals[0];
        size--;
        long key = keys[size];
        int ordinal = ordinals[size];
        int i = 0;
        while (2 * i + 1 < size) {
            int child = 2 * i + 1;
            if (child + 1 < size && keys[child + 1] < keys[child]) {
                child++;
            }
            if (keys[child] >= key) {
                break;
            }
            keys[i] = keys[child];
            ordinals[i] = ordinals[child];
            i = child;
        }
        keys[i] = key;
        ordinals[i] = ordinal;
        return top;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }
}
