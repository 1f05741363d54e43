package io.salus.node.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "move", mixinStandardHelpOptions = true, description = {
        "Move your bank to another node of the alliance (docs/federation.md, decision 0036), with your own token: the",
        "node you leave signs the move with your key, the chain records your new home, your records move sealed to the",
        "new node and are erased here once it has acknowledged them. Your token then works at the new node only."})
final class MoveCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start moving to a member node.")
    int start(@Mixin ApiClient api,
            @Option(names = "--to", required = true, description = "The member's relayer address (0x..., `./salus alliance members`).") String to) {
        return api.call("POST", "/accounts/me/move", Map.of("to", to));
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "The move as this node knows it (leaving or arrived).")
    int status(@Mixin ApiClient api) {
        return api.call("GET", "/accounts/me/move", null);
    }
}
