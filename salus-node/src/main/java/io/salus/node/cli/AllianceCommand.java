package io.salus.node.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "alliance", mixinStandardHelpOptions = true, description = {
        "The alliance's members on a running node (docs/federation.md). Admitting and removing take the operator token",
        "of the node holding the alliance's admin role and return once the timelock has executed the change."})
final class AllianceCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "members", mixinStandardHelpOptions = true, description = "The members as the NodeRegistry lists them.")
    int members(@Mixin ApiClient api) {
        return api.call("GET", "/federation/members", null);
    }

    @Command(name = "admit", mixinStandardHelpOptions = true, description = "Admit a node, with what it printed at its start (\"Alliance: not a member yet ...\").")
    int admit(@Mixin ApiClient api,
            @Option(names = "--node", required = true, description = "The node's relayer address (0x...).") String node,
            @Option(names = "--organisation", required = true, description = "The institution running it.") String organisation,
            @Option(names = "--endpoint", required = true, description = "Its API URL as other members reach it.") String endpoint,
            @Option(names = "--signing-key", required = true, description = "Its Ed25519 public key (64 hex).") String key) {
        return api.call("POST", "/federation/members", Map.of("node", node, "organisation", organisation, "endpoint",
                endpoint, "signingKey", key));
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a member: other members refuse its requests from then on.")
    int remove(@Mixin ApiClient api,
            @Option(names = "--node", required = true, description = "The member's relayer address (0x...).") String node) {
        return api.call("DELETE", "/federation/members/" + node, null);
    }
}
