package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.node.cli.SalusCli;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The consent and access commands drive a running node through its API and exit non-zero on refusals. */
class ConsentCliIT {

    @Test
    void aPatientGrantsListsAndRevokesFromTheCommandLineAndARepeatedRevocationFails() {
        Api api = new Api(TestNodes.shared());
        Api.Acct patient = api.open("PATIENT", "CLI patient");
        String[] common = {"--url", api.url, "--token", patient.token()};
        assertThat(SalusCli.run(concat(new String[]{"consent", "grant", "--patient", patient.id(), "--categories",
                "VITAL_SIGNS,LAB_RESULTS", "--consumer-types", "ACADEMIC_RESEARCHER", "--purposes", "HRESCH",
                "--until", Instant.now().plus(5, ChronoUnit.DAYS).toString()}, common))).isZero();
        assertThat(SalusCli.run(concat(new String[]{"consent", "list", "--patient", patient.id()}, common)))
                .isZero();
        long grantId = ((Number) api.get(patient, "/patients/" + patient.id() + "/consents").path("grants[0].grantId"))
                .longValue();
        assertThat(SalusCli.run(concat(new String[]{"consent", "revoke", "--grant", Long.toString(grantId)}, common)))
                .isZero();
        assertThat(SalusCli.run(concat(new String[]{"consent", "revoke", "--grant", Long.toString(grantId)}, common)))
                .isNotZero();
        assertThat(SalusCli.run(concat(new String[]{"access", "log", "--patient", patient.id()}, common))).isZero();
        assertThat(SalusCli.run(concat(new String[]{"access", "verify"}, common))).isNotZero();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
