package io.salus.node.web.consumer;

import java.util.List;
import java.util.Map;

/** Read access to posted form fields: absent and blank are the same. Not thread-safe (a per-request view). */
final class FormFields {
    private final Map<String, List<String>> form;

    FormFields(Map<String, List<String>> form) {
        this.form = form;
    }

    /** The first value of a field, stripped, or "" when absent. */
    String one(String name) {
        List<String> v = form.get(name);
        return v == null || v.isEmpty() || v.get(0) == null ? "" : v.get(0).strip();
    }

    /** Every non-blank value of a repeated field. */
    List<String> all(String name) {
        List<String> v = form.get(name);
        return v == null ? List.of() : v.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
    }
}
