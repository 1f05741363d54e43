package io.salus.node.cli;

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
        @Mixin
        GrantOptions terms = new GrantOptions();

        @Override
        public Integer call() {
            Map<String, Object> body = terms.body(null);
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
