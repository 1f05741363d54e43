package io.salus.node.web.care;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.node.web.Html;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders an emergency profile (the IPS-shaped FHIR document of {@code BreakGlass}) for the responder's page: the
 * allergies, medications, problems and blood group of its sections and the patient's emergency contacts, read-only.
 * Every value is escaped. Stateless.
 */
final class EmergencyProfileView {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmergencyProfileView() {
    }

    static Html of(byte[] profile) {
        JsonNode bundle;
        try {
            bundle = JSON.readTree(profile);
        } catch (IOException e) {
            throw new IllegalStateException("the emergency profile is not JSON", e);
        }
        List<Html> sections = new ArrayList<>();
        JsonNode patient = null;
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode r = entry.path("resource");
            if ("Patient".equals(r.path("resourceType").asText())) {
                patient = r;
            }
        }
        JsonNode composition = bundle.path("entry").path(0).path("resource");
        for (JsonNode s : composition.path("section")) {
            List<Html> items = new ArrayList<>();
            for (JsonNode ref : s.path("entry")) {
                JsonNode r = resolve(bundle, ref.path("reference").asText());
                items.add(Html.of("<li>{}</li>", describe(r)));
            }
            sections.add(Html.of("<section class=\"card emergency-section\"><h2>{}</h2>{}</section>",
                    s.path("title").asText(), items.isEmpty()
                            ? Html.raw("<p>None recorded.</p>")
                            : Html.of("<ul>{}</ul>", Html.join(items))));
        }
        return Html.concat(Html.of("<p id=\"emergency-patient\">{}</p>", patient == null ? "" : person(patient)),
                Html.join(sections), contacts(patient));
    }

    private static JsonNode resolve(JsonNode bundle, String reference) {
        for (JsonNode entry : bundle.path("entry")) {
            if (entry.path("fullUrl").asText().equals(reference)) {
                return entry.path("resource");
            }
        }
        return JSON.createObjectNode();
    }

    private static String describe(JsonNode r) {
        String what = text(r.has("medicationCodeableConcept") ? r.path("medicationCodeableConcept") : r.path("code"));
        if (r.has("valueCodeableConcept")) {
            return what + ": " + text(r.path("valueCodeableConcept"));
        }
        return what;
    }

    private static String text(JsonNode concept) {
        if (concept.hasNonNull("text")) {
            return concept.path("text").asText();
        }
        for (JsonNode c : concept.path("coding")) {
            if (c.hasNonNull("display")) {
                return c.path("display").asText();
            }
        }
        return concept.path("coding").path(0).path("code").asText("(not coded)");
    }

    private static String person(JsonNode patient) {
        return name(patient.path("name").path(0)) + (patient.has("gender")
                ? ", " + patient.path("gender").asText()
                : "") + (patient.has("birthDate") ? ", born " + patient.path("birthDate").asText() : "");
    }

    private static String name(JsonNode n) {
        if (n.hasNonNull("text")) {
            return n.path("text").asText();
        }
        List<String> parts = new ArrayList<>();
        n.path("given").forEach(g -> parts.add(g.asText()));
        if (n.hasNonNull("family")) {
            parts.add(n.path("family").asText());
        }
        return parts.isEmpty() ? "(no name recorded)" : String.join(" ", parts);
    }

    private static Html contacts(JsonNode patient) {
        List<Html> rows = new ArrayList<>();
        if (patient != null) {
            for (JsonNode c : patient.path("contact")) {
                List<String> telecom = new ArrayList<>();
                c.path("telecom").forEach(t -> telecom.add(t.path("system").asText("contact") + " " + t.path("value")
                        .asText()));
                rows.add(Html.of("<li>{} ({}): {}</li>", name(c.path("name")), text(c.path("relationship").path(0)),
                        String.join(", ", telecom)));
            }
        }
        return Html.of("<section class=\"card emergency-section\" id=\"emergency-contacts\"><h2>Emergency contacts"
                + "</h2>{}</section>",
                rows.isEmpty()
                        ? Html.raw("<p>None recorded.</p>")
                        : Html.of("<ul>{}</ul>", Html.join(rows)));
    }
}
