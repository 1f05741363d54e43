package io.salus.node.demo;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
        out.printf("Proofs verified     %d of %d against the chain%s%s%n", s.verified(), s.verifiable(),
                s.verifiable() == s.records() ? "" : " (the records held before the stories)",
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
        smartApp(out, s, apiUrl);
        if (!s.sampleRecordId().isEmpty()) {
            out.println("  curl -s -H 'Authorization: Bearer " + s.samplePatientToken() + "' " + apiUrl
                    + "/records/" + s.sampleRecordId() + "/verification");
        }
        s.storyLines().forEach(out::println);
        out.println("============================================================================");
    }

    /** The SMART App Launch of the demo app for the demo patient, step by step (docs/fhir.md). */
    private static void smartApp(PrintStream out, DemoSummary s, String apiUrl) {
        String id = s.smartClientId();
        out.println("SMART app           client_id " + id + "   (public, PKCE S256, redirect " + DemoSmartApp.REDIRECT
                + ")");
        out.println("  V=$(openssl rand -base64 48 | tr '+/' '-_' | tr -d '=\\n'); C=$(printf %s \"$V\" | openssl dgst"
                + " -sha256 -binary | openssl base64 | tr '+/' '-_' | tr -d '=\\n')");
        out.println("  echo \"" + apiUrl + "/oauth/authorize?response_type=code&client_id=" + id + "&redirect_uri="
                + enc(DemoSmartApp.REDIRECT) + "&scope=" + enc(DemoSmartApp.SCOPES) + "&state=demo&aud="
                + enc(apiUrl + "/fhir") + "&code_challenge=$C&code_challenge_method=S256\"");
        out.println("  (open that address, sign in with the demo patient's token, allow; copy code=... from the"
                + " address the browser is sent to)");
        out.println("  curl -s -d grant_type=authorization_code -d code=<code> -d redirect_uri=" + DemoSmartApp.REDIRECT
                + " -d client_id=" + id + " -d code_verifier=$V " + apiUrl + "/oauth/token");
        out.println("  curl -s -H 'Authorization: Bearer <access_token>' '" + apiUrl + "/fhir/Observation?patient="
                + s.samplePatientId() + "'");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
