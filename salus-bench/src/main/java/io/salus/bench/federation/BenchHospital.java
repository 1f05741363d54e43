package io.salus.bench.federation;

import io.salus.bench.Parallel;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import io.salus.core.usecase.DepositService;
import io.salus.node.wiring.Node;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * A node's hospital and its consenting patients for the federation benchmark: each patient has a birth date and one
 * heart rate, deposited by the hospital, and grants research on vital signs to academic researchers. And the
 * consumer side: a lab attested as an academic researcher by an issuer the node trusts, with a privacy budget.
 */
final class BenchHospital {
    static final Purpose PURPOSE = Purpose.HRESCH;
    private final Node node;
    private final Account hospital;
    private int banked;

    BenchHospital(Node node, String name) {
        this.node = node;
        this.hospital = node.accounts().open(AccountKind.HOSPITAL, name).orElseThrow().account();
    }

    /** Banks {@code n} more consenting patients, on {@code threads} client threads. */
    void bank(int n, int threads) {
        int first = banked;
        Instant now = Instant.now();
        Parallel.run(threads, n, i -> {
            int k = first + i;
            Account p = node.accounts().open(AccountKind.PATIENT, "Bench patient " + k).orElseThrow().account();
            node.accounts().linkProvider(node.operator(), p.id(), hospital.id()).orElseThrow();
            node.deposits().deposit(new DepositService.Command(hospital, p.id(), bundle(k),
                    Optional.of("federation-bench-" + k), "bench")).orElseThrow();
            node.consents().grantCustodial(p, new GrantTerms(p.address(), Category.VITAL_SIGNS.mask(),
                    AttestationType.ACADEMIC_RESEARCHER.mask(), PURPOSE.mask(), now.minusSeconds(60),
                    now.plus(365, ChronoUnit.DAYS), 0, Optional.empty())).orElseThrow();
        });
        banked += n;
    }

    int banked() {
        return banked;
    }

    /** A research lab of this node, attested on chain by an issuer this node trusts, with a privacy budget. */
    Account lab(String name) {
        Account lab = node.accounts().open(AccountKind.CONSUMER, name).orElseThrow().account();
        Account board = node.accounts().open(AccountKind.ISSUER, name + " ethics board").orElseThrow().account();
        node.attestations().trust(node.operator(), board, AttestationType.ACADEMIC_RESEARCHER.mask()).orElseThrow();
        Instant now = Instant.now();
        node.attestations().attest(board, new Payloads.Attest(lab.address(), AttestationType.ACADEMIC_RESEARCHER,
                PURPOSE.mask(), now.minusSeconds(60), now.plus(365, ChronoUnit.DAYS))).orElseThrow();
        node.privacyBudget().assign(lab.id(), name + " organisation").orElseThrow();
        return lab;
    }

    private static byte[] bundle(int i) {
        String patient = uuid("patient-" + i);
        String json = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
                + "{\"fullUrl\":\"urn:uuid:" + patient + "\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p" + i
                + "\",\"gender\":\"" + (i % 2 == 0 ? "female" : "male") + "\",\"birthDate\":\"" + (1940 + i % 50)
                + "-03-12\"}},{\"fullUrl\":\"urn:uuid:" + uuid("hr-" + i) + "\",\"resource\":{\"resourceType\":"
                + "\"Observation\",\"id\":\"hr" + i + "\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}],"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\",\"display\":"
                + "\"Heart rate\"}]},\"subject\":{\"reference\":\"urn:uuid:" + patient + "\"},\"effectiveDateTime\":"
                + "\"2025-06-01T08:00:00Z\",\"valueQuantity\":{\"value\":" + (55 + i % 50) + ",\"unit\":\"/min\","
                + "\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"}}}]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
