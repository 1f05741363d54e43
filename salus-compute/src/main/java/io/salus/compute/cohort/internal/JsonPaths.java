package io.salus.compute.cohort.internal;

import java.util.regex.Pattern;

/** JSON path steps for error locations: {@code $.a.b}, or {@code $.value['>=']} for keys that are not identifiers. */
final class JsonPaths {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_KEY = 64;

    private JsonPaths() {
    }

    static String child(String path, String key) {
        if (IDENTIFIER.matcher(key).matches() && key.length() <= MAX_KEY) {
            return path + "." + key;
        }
        String shown = key.length() > MAX_KEY ? key.substring(0, MAX_KEY) + "..." : key;
        return path + "['" + shown.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }
}
