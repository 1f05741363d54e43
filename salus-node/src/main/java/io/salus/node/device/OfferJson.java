package io.salus.node.device;

import io.salus.core.device.DeviceStream;
import io.salus.core.device.IntakeOutcome;
import io.salus.core.error.Failure;
import io.salus.core.usecase.device.Offered;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the node answers to an offered batch, whatever the transport: the HTTPS reply body of an accepted batch or a
 * duplicate, and the MQTT outcome message of every offer (refusals carry their error code). Stateless.
 */
public final class OfferJson {
    private OfferJson() {
    }

    /** An accepted batch (with the readings taken and the sequences lost now) or a duplicate; refusals: {@link #refused}. */
    public static Map<String, Object> outcome(Offered o) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (o.outcome()) {
            case IntakeOutcome.Accepted a -> {
                m.put("status", "accepted");
                m.put("sequence", a.sequence());
                m.put("inOrder", a.inOrder());
                m.put("readings", a.readings().size());
                m.put("lostNow", a.lostNow());
            }
            case IntakeOutcome.Duplicate d -> {
                m.put("status", "duplicate");
                m.put("sequence", d.sequence());
            }
            case IntakeOutcome.Refused r -> {
                return refused(r.failure());
            }
        }
        o.record().ifPresent(id -> m.put("recordId", id.toString()));
        m.put("missing", missing(o.stream()));
        return m;
    }

    /** A refusal: its stable code, title and detail (never a reading's value). */
    public static Map<String, Object> refused(Failure f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "refused");
        m.put("code", f.code().code());
        m.put("title", f.code().title());
        m.put("detail", f.detail());
        return m;
    }

    /** The device's gaps: ranges of sequences not received yet. */
    public static List<Map<String, Long>> missing(DeviceStream s) {
        return s.missing().stream().map(g -> Map.of("first", g.first(), "last", g.last())).toList();
    }
}
