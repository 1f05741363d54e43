package io.salus.node.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "recovery", mixinStandardHelpOptions = true, description = "Guardian key recovery through a running node: name guardians, open a recovery, "
        + "approve it as a guardian, complete it with the claim token, show its state (see docs/identity.md).")
final class RecoveryCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "guardians", mixinStandardHelpOptions = true, description = "Name a patient's guardians and "
            + "threshold (as the patient); the key is split and the set recorded on chain.")
    int guardians(@Mixin ApiClient api,
            @Option(names = "--patient", required = true, description = "Patient account id.") String patient,
            @Option(names = "--guardians", required = true, split = ",", description = "Guardian account ids.") List<String> guardians,
            @Option(names = "--threshold", required = true, description = "How many guardians must approve (k).") int threshold) {
        return api.call("PUT", "/patients/" + patient + "/guardians",
                Map.of("guardians", guardians, "threshold", threshold));
    }

    @Command(name = "open", mixinStandardHelpOptions = true, description = "Open a recovery of a patient's key (no "
            + "token needed); prints the claim token, keep it.")
    int open(@Mixin ApiClient api,
            @Option(names = "--patient", required = true, description = "Patient account id.") String patient) {
        return api.call("POST", "/patients/" + patient + "/recoveries", Map.of());
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a recovery (as a guardian, "
            + "with the guardian's token).")
    int approve(@Mixin ApiClient api,
            @Option(names = "--recovery", required = true, description = "Recovery id.") String recovery) {
        return api.call("POST", "/recoveries/" + recovery + "/approvals", Map.of());
    }

    @Command(name = "complete", mixinStandardHelpOptions = true, description = "Complete a recovery with its claim "
            + "token; prints the patient's new API token.")
    int complete(@Mixin ApiClient api,
            @Option(names = "--recovery", required = true, description = "Recovery id.") String recovery,
            @Option(names = "--claim", required = true, description = "The claim token printed by 'open'.") String claim) {
        return api.call("POST", "/recoveries/" + recovery + "/completion", Map.of("claimToken", claim));
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a recovery's state (as the patient, "
            + "a guardian or the operator).")
    int show(@Mixin ApiClient api,
            @Option(names = "--recovery", required = true, description = "Recovery id.") String recovery) {
        return api.call("GET", "/recoveries/" + recovery, null);
    }
}
