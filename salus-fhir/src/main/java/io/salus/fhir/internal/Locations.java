package io.salus.fhir.internal;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;
import java.util.Deque;

/** Turns a JSON parsing position into a FHIRPath-like location such as {@code Bundle.entry[3].resource}. */
public final class Locations {

    private Locations() {
    }

    /** The location of the object or array the context describes. */
    public static String of(JsonStreamContext ctx) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            JsonStreamContext parent = c.getParent();
            if (parent == null || parent.inRoot()) {
                break;
            }
            if (parent.inArray()) {
                parts.push("[" + parent.getCurrentIndex() + "]");
            } else {
                parts.push("." + parent.getCurrentName());
            }
        }
        StringBuilder sb = new StringBuilder("Bundle");
        parts.forEach(sb::append);
        return sb.toString();
    }
}
