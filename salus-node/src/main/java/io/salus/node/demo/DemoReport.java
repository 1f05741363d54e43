package io.salus.node.demo;

import java.io.PrintStream;
import java.util.Map;

/** Prints the demo summary. */
public final class DemoReport {
    private DemoReport() {
    }

    public static void print(PrintStream out, DemoSummary s, String apiUrl, String operatorTokenFile) {
        out.println();
        out.println("== Salus demo ==============================================================");
        out.printf("Patients            %d (deposits: %d, of which replayed from an earlier run: %d)%n", s.patients(),
                s.deposits(), s.replayedDeposits());
        out.printf("Records             %d%n", s.records());
        for (Map.Entry<String, Long> e : s.recordsByCategory().entrySet()) {
            out.printf("  %-17s %d%n", e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue());
        }
        out.printf("Anchor batches      %d (%d mined)%n", s.batches(), s.anchoredBatches());
        out.printf("Anchoring gas       %d in all, %.1f per record%n", s.anchorGas(), s.gasPerRecord());
        out.printf("Proofs verified     %d of %d against the chain%s%n", s.verified(), s.records(),
                s.failedVerification() == 0 ? "" : "  (" + s.failedVerification() + " FAILED)");
        out.println();
        out.println("API                 " + apiUrl + "   (OpenAPI: " + apiUrl + "/openapi.yaml)");
        out.println("Health              " + apiUrl + "/health");
        out.println("FHIR R4             " + apiUrl + "/fhir   (CapabilityStatement: " + apiUrl
                + "/fhir/metadata; SMART: " + apiUrl + "/fhir/.well-known/smart-configuration)");
        out.println("Operator token      in " + operatorTokenFile);
        out.println("Demo patient        " + s.samplePatientId() + "   token: " + s.samplePatientToken()
                + "   (DEMO account)");
        out.println("Portal              " + apiUrl + "/portal   (sign in with an account's API token; demo accounts"
                + " are marked DEMO)");
        s.portalSignIns().forEach((portal, token) -> out.printf("  %-17s %s%n", portal, token));
        out.println("  other accounts    tokens per demo role (hospital, issuer, guardians, patients) in "
                + java.nio.file.Path.of(operatorTokenFile).resolveSibling("demo").resolve("accounts.properties"));
        out.println("Try:");
        out.println("  curl -s -H 'Authorization: Bearer " + s.samplePatientToken() + "' " + apiUrl + "/patients/"
                + s.samplePatientId() + "/records");
        out.println("  curl -s -H 'Authorization: Bearer " + s.samplePatientToken() + "' '" + apiUrl
                + "/fhir/Observation?patient=" + s.samplePatientId() + "&category=vital-signs&_count=5'");
        if (!s.sampleRecordId().isEmpty()) {
            out.println("  curl -s -H 'Authorization: Bearer " + s.samplePatientToken() + "' " + apiUrl
                    + "/records/" + s.sampleRecordId() + "/verification");
        }
        out.println("============================================================================");
    }
}
