package io.salus.node.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "consent", mixinStandardHelpOptions = true, description = "Grant, list and revoke consents through a running node (signed with the node's custody of "
        + "the acting account's key; for client-side signing see docs/consent.md).", subcommands = {
                ConsentCommand.Grant.class})
final class ConsentCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "grant", mixinStandardHelpOptions = true, description = "Grant a consent for a patient.")
    static final class Grant implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--patient", required = true, description = "Patient account id.")
        String patient;
        @Option(names = "--categories", required = true, split = ",", description = "e.g. VITAL_SIGNS,LAB_RESULTS")
        List<String> categories;
        @Option(names = "--consumer-types", required = true, split = ",", description = "e.g. ACADEMIC_RESEARCHER")
        List<String> types;
        @Option(names = "--purposes", required = true, split = ",", description = "e.g. HRESCH,PUBHLTH")
        List<String> purposes;
        @Option(names = "--until", required = true, description = "ISO-8601 instant the grant ends.")
        String until;
        @Option(names = "--from", description = "ISO-8601 instant the grant starts (default now).")
        String from;
        @Option(names = "--min-price", defaultValue = "0", description = "Minimum price per patient.")
        long minPrice;
        @Option(names = "--consumer-address", description = "Only this consumer (0x address).")
        String consumer;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("categories", categories);
            body.put("consumerTypes", types);
            body.put("purposes", purposes);
            body.put("validUntil", until);
            body.put("minPrice", minPrice);
            if (from != null) {
                body.put("validFrom", from);
            }
            if (consumer != null) {
                body.put("consumerAddress", consumer);
            }
            return api.call("POST", "/patients/" + patient + "/consents", body);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a patient's grants.")
    int list(@Mixin ApiClient api,
            @Option(names = "--patient", required = true, description = "Patient account id.") String patient) {
        return api.call("GET", "/patients/" + patient + "/consents", null);
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a grant.")
    int revoke(@Mixin ApiClient api,
            @Option(names = "--grant", required = true, description = "Grant id.") long grant) {
        return api.call("DELETE", "/consents/" + grant, null);
    }
}
