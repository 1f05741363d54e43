package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.salus.node.cli.SalusCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The records commands: export to a new owner-only file, erase only with --confirm, then the receipt. */
class RecordsCliIT {

    @Test
    void aPatientExportsToAnOwnerOnlyFileErasesOnlyWithConfirmAndThenOnlyReadsTheReceipt(@TempDir Path dir)
            throws Exception {
        Api api = new Api(TestNodes.shared());
        Api.Acct p = api.open("PATIENT", "CLI leaver");
        api.deposit(p, p, ErasureBundles.heartRates("cli-leaver", 6_500, 3), null).then().statusCode(201);
        String[] auth = {"--url", api.url, "--token", p.token(), "--patient", p.id()};
        Path out = dir.resolve("export.json");

        assertThat(SalusCli.run(join(auth, "records", "export", "--out", out.toString()))).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
        Bundle b = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, Files.readString(out));
        assertThat(b.getEntry()).hasSize(4);
        assertThat(SalusCli.run(join(auth, "records", "export", "--out", out.toString()))).isNotZero();

        assertThat(SalusCli.run(join(auth, "records", "erase"))).isNotZero();
        assertThat(api.records(p)).hasSize(4);
        assertThat(SalusCli.run(join(auth, "records", "erase", "--confirm"))).isZero();
        assertThat(SalusCli.run(join(auth, "records", "erasure"))).isZero();
        assertThat(SalusCli.run(join(auth, "records", "export", "--out", dir.resolve("again.json").toString())))
                .isNotZero();
        assertThat(dir.resolve("again.json")).doesNotExist();
    }

    private static String[] join(String[] auth, String... command) {
        String[] out = Arrays.copyOf(command, command.length + auth.length);
        System.arraycopy(auth, 0, out, command.length, auth.length);
        return out;
    }
}
