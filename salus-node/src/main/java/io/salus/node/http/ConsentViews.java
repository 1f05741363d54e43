package io.salus.node.http;

import io.salus.core.consent.Attestation;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.AuditEntry;
import io.salus.core.consent.Grant;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import io.salus.core.usecase.consent.AuditVerifier;
import io.salus.core.usecase.consent.Release;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON views of consent values. */
final class ConsentViews {
    private ConsentViews() {
    }

    static List<String> categories(long mask) {
        List<String> out = new ArrayList<>();
        for (Category c : Category.values()) {
            if ((mask & c.mask()) != 0) {
                out.add(c.name());
            }
        }
        return out;
    }

    static Map<String, Object> grant(Grant g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("grantId", g.id());
        m.put("patient", g.terms().patient().hex());
        m.put("signer", g.signer().hex());
        m.put("categories", categories(g.terms().categories()));
        m.put("consumerTypes",
                AttestationType.fromMask(g.terms().attestationTypes()).stream().map(Enum::name).toList());
        m.put("purposes", Purpose.fromMask(g.terms().purposes()).stream().map(Enum::name).toList());
        m.put("validFrom", g.terms().validFrom());
        m.put("validUntil", g.terms().validUntil());
        m.put("minPrice", g.terms().minPrice());
        g.terms().namedConsumer().ifPresent(c -> m.put("consumerAddress", c.hex()));
        m.put("grantedAtBlock", g.grantedAtBlock());
        g.revokedAtBlock().ifPresent(b -> m.put("revokedAtBlock", b));
        m.put("summary", summary(g));
        return m;
    }

    static String summary(Grant g) {
        String who = String.join(", ", AttestationType.fromMask(g.terms().attestationTypes()).stream()
                .map(t -> t.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).toList());
        String why = String.join(", ", Purpose.fromMask(g.terms().purposes()).stream().map(Purpose::display).toList());
        String what = String.join(", ", categories(g.terms().categories()).stream()
                .map(c -> c.toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).toList());
        return who + (g.terms().namedConsumer().isPresent() ? " (only " + g.terms().namedConsumer().get() + ")" : "")
                + " may use " + what + " for " + why + " until " + g.terms().validUntil() + " at no less than "
                + g.terms().minPrice() + " per patient" + (g.revokedAtBlock().isPresent() ? " (REVOKED)" : "");
    }

    static Map<String, Object> attestation(Attestation a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attestationId", a.id());
        m.put("issuer", a.issuer().hex());
        m.put("subject", a.subject().hex());
        m.put("type", a.type().name());
        m.put("purposes", Purpose.fromMask(a.purposes()).stream().map(Enum::name).toList());
        m.put("validFrom", a.validFrom());
        m.put("validUntil", a.validUntil());
        a.revokedAtBlock().ifPresent(b -> m.put("revokedAtBlock", b));
        return m;
    }

    /** An attestation in force, as anyone may see it: who attests what, for which purposes, until when. */
    static Map<String, Object> publicAttestation(Attestation a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", a.issuer().hex());
        m.put("type", a.type().name());
        m.put("purposes", Purpose.fromMask(a.purposes()).stream().map(Enum::name).toList());
        m.put("validUntil", a.validUntil());
        return m;
    }

    static Map<String, Object> audit(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entryId", e.id().toString());
        m.put("requesterId", e.requester().toString());
        m.put("patientId", e.patient().toString());
        m.put("category", e.category().name());
        m.put("purpose", e.purpose().name());
        m.put("at", e.at());
        m.put("decision", e.decision().effect().name());
        e.decision().code().ifPresent(c -> m.put("code", c.code()));
        m.put("reason", e.decision().reason());
        e.decision().grantId().ifPresent(g -> m.put("grantId", g));
        m.put("auditHash", e.auditHash().hex());
        e.txHash().ifPresent(t -> m.put("txHash", t));
        e.block().ifPresent(b -> m.put("block", b));
        return m;
    }

    static Map<String, Object> check(AuditVerifier.Check c) {
        Map<String, Object> m = audit(c.entry());
        m.put("verification", c.status().name());
        m.put("detail", c.detail());
        c.opening().ifPresent(o -> m.put("pseudonymOpening", o.hex()));
        return m;
    }

    static Map<String, Object> release(Release r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("block", r.block());
        m.put("decisions", r.audit().stream().map(ConsentViews::audit).toList());
        List<Map<String, Object>> records = new ArrayList<>();
        for (Release.ReleasedRecord rec : r.records()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("recordId", rec.id().toString());
            x.put("category", rec.category().name());
            x.put("resourceType", rec.resourceType());
            x.put("resource", new RawJson(new String(rec.json(), StandardCharsets.UTF_8)));
            records.add(x);
        }
        m.put("records", records);
        return m;
    }

    /** A JSON value written verbatim (the FHIR resource exactly as stored). */
    record RawJson(
            @com.fasterxml.jackson.annotation.JsonRawValue @com.fasterxml.jackson.annotation.JsonValue String json) {
    }
}
