package io.salus.fhir.server;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The supported search parameters of one search, as HAPI parsed them (absent ones are null). */
record SearchRequest(ReferenceParam patient, ReferenceParam subject, TokenParam id, TokenAndListParam code,
        TokenAndListParam category, TokenAndListParam status, DateRangeParam date, DateRangeParam lastUpdated,
        Set<Include> includes) {

    /** The token and date parameters that are given, by name (those evaluated on resources). */
    Map<String, Object> evaluated() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        Optional.ofNullable(code).ifPresent(v -> m.put("code", v));
        Optional.ofNullable(category).ifPresent(v -> m.put("category", v));
        Optional.ofNullable(status).ifPresent(v -> m.put("status", v));
        Optional.ofNullable(date).ifPresent(v -> m.put("date", v));
        return m;
    }
}
