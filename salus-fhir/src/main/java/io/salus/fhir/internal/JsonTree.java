package io.salus.fhir.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A minimal JSON tree for reading a few fields of one FHIR resource: objects become {@link Map}s, arrays
 * {@link List}s, numbers {@link Double}s, strings, booleans and nulls themselves. Members named in {@code skipped}
 * (the narrative {@code text}, say) are not read at all. Thread-safe (the factory is immutable once built).
 */
public final class JsonTree {
    private final JsonFactory factory = JsonFactory.builder().build();
    private final Set<String> skipped;

    public JsonTree(Set<String> skipped) {
        this.skipped = Set.copyOf(skipped);
    }

    /** The top-level object of {@code json}; throws {@link IllegalArgumentException} if it is not a JSON object. */
    public Map<String, Object> parseObject(byte[] json) {
        try (JsonParser p = factory.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return object(p);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> m = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (skipped.contains(name)) {
                p.skipChildren();
            } else {
                m.put(name, value(p, t));
            }
        }
        return m;
    }

    private Object value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    list.add(value(p, e));
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new UncheckedIOException(new IOException("unexpected token " + t));
        };
    }
}
