package io.salus.core.job;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A released result as JSON, written in one canonical form (keys sorted, numbers in Java's shortest round-trip form)
 * so its keccak-256 (the output hash on chain) is a function of its content. Values are maps, lists, strings, finite
 * numbers, booleans and null; nothing else is accepted.
 */
public final class ResultDocument {
    private ResultDocument() {
    }

    public static byte[] json(Map<String, ?> document) {
        StringBuilder out = new StringBuilder();
        write(out, document);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(StringBuilder out, Object v) {
        switch (v) {
            case null -> out.append("null");
            case Map<?, ?> m -> {
                SortedMap<String, Object> sorted = new TreeMap<>();
                m.forEach((k, x) -> sorted.put((String) k, x));
                out.append('{');
                String sep = "";
                for (Map.Entry<String, Object> e : sorted.entrySet()) {
                    out.append(sep);
                    string(out, e.getKey());
                    out.append(':');
                    write(out, e.getValue());
                    sep = ",";
                }
                out.append('}');
            }
            case List<?> l -> {
                out.append('[');
                for (int i = 0; i < l.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    write(out, l.get(i));
                }
                out.append(']');
            }
            case String s -> string(out, s);
            case Double d when Double.isFinite(d) -> out.append(d);
            case Long n -> out.append(n);
            case Integer n -> out.append(n);
            case Boolean b -> out.append(b);
            default -> throw new IllegalArgumentException("not a result value: " + v);
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
