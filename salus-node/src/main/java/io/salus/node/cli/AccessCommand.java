package io.salus.node.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "access", mixinStandardHelpOptions = true, description = "Consented access through a running node: request a patient's records, read an access log, "
        + "verify the audit trail against the chain.")
final class AccessCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "request", mixinStandardHelpOptions = true, description = "Request a patient's records for a purpose (as a consumer, provider or caregiver).")
    int request(@Mixin ApiClient api,
            @Option(names = "--patient", required = true, description = "Patient account id.") String patient,
            @Option(names = "--purpose", required = true, description = "PurposeOfUse code, e.g. HRESCH.") String purpose,
            @Option(names = "--categories", split = ",", description = "Categories (default: all).") List<String> categories) {
        return api.call("POST", "/patients/" + patient + "/access",
                Map.of("purpose", purpose, "categories", categories == null ? List.of() : categories));
    }

    @Command(name = "log", mixinStandardHelpOptions = true, description = "A patient's access log.")
    int log(@Mixin ApiClient api,
            @Option(names = "--patient", required = true, description = "Patient account id.") String patient) {
        return api.call("GET", "/patients/" + patient + "/access-log", null);
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Verify the audit trail of a patient or a requester against the chain (auditor).")
    int verify(@Mixin ApiClient api, @Option(names = "--patient", description = "Patient account id.") String patient,
            @Option(names = "--requester", description = "Requester account id.") String requester) {
        if ((patient == null) == (requester == null)) {
            throw new IllegalArgumentException("give exactly one of --patient or --requester");
        }
        return api.call("GET", patient != null ? "/audit/patients/" + patient : "/audit/requesters/" + requester,
                null);
    }
}
