package io.salus.core.usecase.device;

import io.salus.core.account.Account;
import io.salus.core.device.DeviceId;
import io.salus.core.device.DeviceRegistration;
import io.salus.core.port.DeviceStore.StoredStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The most recently used devices' registration, patient and stored stream, so that a batch does not reload a device's
 * sequencer window from the store. Bounded (least recently used first out). What it holds is only ever a copy: the
 * store's version check catches a stale one, which is then evicted and reloaded. Thread-safe.
 */
final class StreamCache {
    record Cached(DeviceRegistration registration, Account patient, StoredStream stream) {
    }

    private final Map<DeviceId, Cached> entries;

    StreamCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<DeviceId, Cached> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<Cached> get(DeviceId id) {
        return Optional.ofNullable(entries.get(id));
    }

    synchronized void put(Cached e) {
        entries.put(e.registration().id(), e);
    }

    synchronized void evict(DeviceId id) {
        entries.remove(id);
    }
}
