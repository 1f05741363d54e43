package io.salus.node.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "delegation", mixinStandardHelpOptions = true, description = "Delegate to a caregiver or legal representative (VIEW_RECORDS, MANAGE_CONSENT, "
        + "RECEIVE_ALERTS until a time), list and revoke delegations, and read a patient's alerts, through a running "
        + "node.")
final class DelegationCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "grant", mixinStandardHelpOptions = true, description = "The patient (--token) delegates scopes to an account until a time.")
    int grant(@Mixin ApiClient api,
            @Option(names = "--patient", required = true, description = "Patient account id.") String patient,
            @Option(names = "--delegate", required = true, description = "Delegate account id.") String delegate,
            @Option(names = "--scopes", required = true, split = ",", description = "VIEW_RECORDS,MANAGE_CONSENT,RECEIVE_ALERTS") List<String> scopes,
            @Option(names = "--until", required = true, description = "ISO-8601 instant the delegation ends.") String until) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scopes", scopes);
        body.put("validUntil", until);
        return api.call("PUT", "/patients/" + patient + "/delegations/" + delegate, body);
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "The patient (--token) revokes a delegation; effective from the block that carries it.")
    int revoke(@Mixin ApiClient api,
            @Option(names = "--patient", required = true, description = "Patient account id.") String patient,
            @Option(names = "--delegate", required = true, description = "Delegate account id.") String delegate) {
        return api.call("DELETE", "/patients/" + patient + "/delegations/" + delegate, null);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "A patient's delegations (--patient), or whom the calling account acts for (no --patient).")
    int list(@Mixin ApiClient api,
            @Option(names = "--patient", description = "Patient account id (the patient's own token).") String patient) {
        return api.call("GET", patient == null
                ? "/accounts/me/delegations"
                : "/patients/" + patient + "/delegations", null);
    }

    @Command(name = "alerts", mixinStandardHelpOptions = true, description = "A patient's alerts (the patient, or a delegate with RECEIVE_ALERTS).")
    int alerts(@Mixin ApiClient api,
            @Option(names = "--patient", required = true, description = "Patient account id.") String patient,
            @Option(names = "--limit", defaultValue = "100", description = "At most this many, newest first.") int limit) {
        return api.call("GET", "/patients/" + patient + "/alerts?limit=" + limit, null);
    }
}
