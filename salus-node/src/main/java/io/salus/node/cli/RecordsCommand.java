package io.salus.node.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "records", mixinStandardHelpOptions = true, description = "A patient's own records through a running node: export them all as a FHIR Bundle, "
        + "erase them (GDPR art. 17, crypto-shredding), show the erasure receipt, compute the risk scores.", subcommands = {
                RecordsCommand.Export.class})
final class RecordsCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Download every record of the patient, decrypted, as one FHIR R4 Bundle (collection), "
            + "to a new owner-only file.")
    static final class Export implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--patient", required = true, description = "Patient account id (the token's own).")
        String patient;
        @Option(names = "--out", required = true, description = "File to create (must not exist).")
        Path out;

        @Override
        public Integer call() {
            try {
                Files.createFile(out,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + out + " (it must not exist yet)", e);
            }
            int rc = api.download("/patients/" + patient + "/export", out);
            if (rc != 0) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove " + out, e);
                }
            }
            return rc;
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true, description = "Erase all of the patient's data on the node, irreversibly: data keys, salts, "
            + "ciphertext and derived features are destroyed; the account then only shows its erasure receipt. "
            + "Export first.")
    int erase(@Mixin ApiClient api,
            @Option(names = "--patient", required = true, description = "Patient account id (the token's own).") String patient,
            @Option(names = "--confirm", description = "Confirm the irreversible erasure.") boolean confirm) {
        if (!confirm) {
            System.err.println("Erasure is irreversible: add --confirm to erase patient " + patient + ".");
            return 2;
        }
        return api.call("POST", "/patients/" + patient + "/erasure", Map.of("confirm", "ERASE " + patient));
    }

    @Command(name = "erasure", mixinStandardHelpOptions = true, description = "Show the patient's erasure receipt.")
    int erasure(@Mixin ApiClient api,
            @Option(names = "--patient", required = true, description = "Patient account id (the token's own).") String patient) {
        return api.call("GET", "/patients/" + patient + "/erasure", null);
    }

    @Command(name = "risk", mixinStandardHelpOptions = true, description = "The patient's risk scores (PCE, CHA2DS2-VASc, "
            + "FINDRISC) from their records, as a FHIR Bundle of RiskAssessments (the patient or a delegate).")
    int risk(@Mixin ApiClient api,
            @Option(names = "--patient", required = true, description = "Patient account id.") String patient) {
        return api.call("GET", "/patients/" + patient + "/risk-assessments", null);
    }
}
