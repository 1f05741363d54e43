package io.salus.node.demo;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import io.salus.core.usecase.DepositService;
import io.salus.node.wiring.Node;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The demo deal's research volunteers: {@link #SIZE} patients with a small record each (birth date, two heart rates,
 * a glucose value) deposited by the demo hospital, each consenting to research on vital signs and lab results at a
 * minimum price. A deal's cohort size is released only when its noisy value reaches 11, so the demo needs more than
 * the ten fixture patients for a deal that can be delivered. Reused on a second run (accounts, deposits by key, grants
 * only when the volunteer has none active).
 */
final class DemoCohort {
    static final int SIZE = 24;
    private final Node node;

    DemoCohort(Node node) {
        this.node = node;
    }

    List<Account> ensure(DemoConsent.EnsureAccount accounts, Account hospital, long minPrice) {
        List<Account> out = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            out.add(accounts.apply("volunteer." + (i + 1), AccountKind.PATIENT, "Demo volunteer " + (i + 1)
                    + " (DEMO)"));
        }
        Instant now = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < SIZE; i++) {
                Account p = out.get(i);
                int n = i;
                done.add(pool.submit(() -> {
                    node.accounts().linkProvider(node.operator(), p.id(), hospital.id()).orElseThrow();
                    node.deposits().deposit(new DepositService.Command(hospital, p.id(), bundle(n),
                            Optional.of("demo-volunteer-" + n), "demo")).orElseThrow();
                    if (!consents(p, now)) {
                        node.consents().grantCustodial(p, new GrantTerms(p.address(),
                                Category.VITAL_SIGNS.mask() | Category.LAB_RESULTS.mask(),
                                AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.HRESCH.mask(),
                                now.minusSeconds(60), now.plus(365, ChronoUnit.DAYS), minPrice, Optional.empty()))
                                .orElseThrow();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a demo volunteer could not be set up: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private boolean consents(Account p, Instant now) {
        var grants = node.consents().list(p, p.id());
        return grants.isOk() && grants.orElseThrow().stream()
                .anyMatch(g -> g.revokedAtBlock().isEmpty() && now.isBefore(g.terms().validUntil()));
    }

    /** A Patient born 1950-1989 with two heart rates and a glucose value, every resource with an id. */
    static byte[] bundle(int i) {
        String pid = "demo-volunteer-" + i;
        String json = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
                + entry(pid, "{\"resourceType\":\"Patient\",\"id\":\"" + pid + "\",\"gender\":\""
                        + (i % 2 == 0 ? "female" : "male") + "\",\"birthDate\":\"" + (1950 + i % 40) + "-0"
                        + (1 + i % 9) + "-15\"}")
                + "," + observation(pid, pid + "-hr1", "vital-signs", "8867-4", "Heart rate", 60 + i, "/min")
                + "," + observation(pid, pid + "-hr2", "vital-signs", "8867-4", "Heart rate", 70 + i % 20, "/min")
                + "," + observation(pid, pid + "-glc", "laboratory", "2339-0", "Glucose", 80 + i, "mg/dL") + "]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static String observation(String pid, String id, String category, String loinc, String display,
            int value, String unit) {
        return entry(id, "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"status\":\"final\","
                + "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\","
                + "\"code\":\"" + category + "\"}]}],\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\""
                + loinc + "\",\"display\":\"" + display + "\"}]},\"subject\":{\"reference\":\"urn:uuid:" + uuid(pid)
                + "\"},\"effectiveDateTime\":\"2024-05-0" + (1 + Math.abs(id.hashCode()) % 9) + "T09:30:00Z\","
                + "\"valueQuantity\":{\"value\":" + value + ",\"unit\":\"" + unit + "\",\"system\":"
                + "\"http://unitsofmeasure.org\",\"code\":\"" + unit + "\"}}");
    }

    static String entry(String id, String resource) {
        return "{\"fullUrl\":\"urn:uuid:" + uuid(id) + "\",\"resource\":" + resource + "}";
    }

    private static String uuid(String name) {
        return java.util.UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

}
