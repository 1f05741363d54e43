package io.salus.node.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.ECKey;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.emergency.BreakGlassAccess;
import io.salus.core.emergency.EmergencyNotice;
import io.salus.core.error.Result;
import io.salus.core.usecase.credential.CredentialIssuance;
import io.salus.core.usecase.credential.Presentations;
import io.salus.core.usecase.emergency.BreakGlass;
import io.salus.crypto.credential.Holder;
import io.salus.node.wiring.CareWiring;
import io.salus.node.wiring.Node;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The demo's break-the-glass story (docs/care.md): a medical board trusted for emergency responders issues an SD-JWT
 * credential to an emergency physician, who presents it; a physician without one is refused; the emergency physician
 * opens an unconscious patient's emergency profile (no grant) with a justification, after the AuditEvents and the
 * AccessLog events are written; the patient's notice is printed; an auditor reviews the access.
 */
final class DemoEmergency {
    private final Node node;
    private final PrintStream out;

    DemoEmergency(Node node, PrintStream out) {
        this.node = node;
        this.out = out;
    }

    void run(Account patient, DemoConsent.EnsureAccount ensure) {
        Account board = ensure.apply("medical-board", AccountKind.ISSUER, "Demo medical board (DEMO)");
        Account physician = ensure.apply("er-physician", AccountKind.PHYSICIAN, "Demo ER physician (DEMO)");
        Account stranger = ensure.apply("other-physician", AccountKind.PHYSICIAN, "Demo other physician (DEMO)");
        Account auditor = ensure.apply("auditor", AccountKind.AUDITOR, "Demo auditor (DEMO)");
        node.attestations().trust(node.operator(), board, AttestationType.EMERGENCY_RESPONDER.mask()
                | AttestationType.PHYSICIAN_LICENCE.mask()).orElseThrow();
        ECKey wallet = Holder.newKey();
        var issued = node.credentialIssuance().issue(board, new CredentialIssuance.Request(physician,
                AttestationType.EMERGENCY_RESPONDER, EnumSet.of(Purpose.ETREAT),
                Instant.now().plus(365, ChronoUnit.DAYS), wallet.toPublicJWK().toJSONObject(),
                Map.of("organisation", "Demo General Hospital emergency department"))).orElseThrow();
        Presentations.Nonce nonce = node.presentations().nonce(physician);
        node.presentations().present(physician, Holder.present(issued.sdJwt(), Set.of("purposes"), wallet,
                nonce.audience(), nonce.nonce(), Instant.now())).orElseThrow();
        CareWiring emergency = node.care();
        String why = "Found unconscious at home, brought in by ambulance; no relative reachable";
        Result<BreakGlass.Opened> refused = emergency.breakGlass().open(stranger, patient.id(), why);
        out.printf("Break-glass         %s, without an emergency credential: %s%n", stranger.displayName(),
                refused.isOk()
                        ? "OPENED (unexpected!)"
                        : "REFUSED " + refused.failure().code().code() + " "
                                + refused.failure().code().title());
        BreakGlass.Opened opened = emergency.breakGlass().open(physician, patient.id(), why).orElseThrow();
        BreakGlassAccess a = opened.access();
        out.printf("Break-glass         %s (EMERGENCY_RESPONDER credential presented) opened %s's emergency "
                + "profile without a grant: %s%n", physician.displayName(), patient.displayName(),
                sections(opened.profile()));
        out.printf("  audited first     %d AuditEvents (ETREAT, BTG) and AccessLog tx %s; readable until %s%n",
                a.auditEntries().size(), a.txHash(), a.expiresAt());
        for (EmergencyNotice n : emergency.preferences().notices(patient, 1)) {
            out.printf("  patient notified  %s%n", n.text());
        }
        var reviewed = emergency.reviews().review(auditor, a.id(), true,
                "ambulance record confirms an unconscious patient").orElseThrow();
        out.printf("  reviewed          %s marked it %s; the patient sees the review in GET /patients/%s/"
                + "emergency-access%n", auditor.displayName(),
                reviewed.review().orElseThrow().justified() ? "JUSTIFIED" : "NOT JUSTIFIED", patient.id());
    }

    /** The number of entries in each section of the IPS-shaped profile. */
    private static String sections(byte[] profile) {
        try {
            JsonNode composition = new ObjectMapper().readTree(profile).path("entry").path(0).path("resource");
            StringBuilder b = new StringBuilder();
            for (JsonNode s : composition.path("section")) {
                b.append(b.isEmpty() ? "" : ", ").append(s.path("entry").size()).append(' ')
                        .append(s.path("title").asText().toLowerCase(java.util.Locale.ROOT));
            }
            return b.toString();
        } catch (IOException e) {
            throw new IllegalStateException("the emergency profile is not JSON", e);
        }
    }
}
