package io.salus.node.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "dao", mixinStandardHelpOptions = true, description = "Patient data DAOs on a running node: found, list, show, join, secret, prove, join-proof, propose, vote (quadratic), queue, execute (docs/dao.md).", subcommands = {
        DaoCommand.Found.class, DaoProofCommands.Secret.class, DaoProofCommands.Prove.class,
        DaoProofCommands.JoinProof.class})
final class DaoCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "found", mixinStandardHelpOptions = true, description = "Found a DAO (the operator). Without --scope, patients join by their verified account; with it, by a zero-knowledge proof in that AttributeGate scope.")
    static final class Found implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--name", required = true, description = "The DAO's name.")
        String name;
        @Option(names = "--scope", description = "AttributeGate scope id (decimal): admit by proof.")
        String scope;
        @Option(names = "--floor-price", required = true, description = "Least price per patient (token units, 6 decimals) a deal must offer to match members.")
        long floorPrice;
        @Option(names = "--consumer-types", required = true, split = ",", description = "Allowed consumer types, e.g. ACADEMIC_RESEARCHER,PUBLIC_HEALTH")
        List<String> consumerTypes;
        @Option(names = "--purposes", required = true, split = ",", description = "Allowed purposes, e.g. HRESCH")
        List<String> purposes;
        @Option(names = "--max-epsilon", required = true, description = "Most epsilon a deal's match may spend, e.g. 1.0")
        String maxEpsilon;
        @Option(names = "--share-bps", required = true, description = "Least treasury share of each price, in basis points.")
        int shareBps;
        @Option(names = "--voting-delay", defaultValue = "60", description = "Seconds before voting opens (default ${DEFAULT-VALUE}).")
        long votingDelay;
        @Option(names = "--voting-period", defaultValue = "259200", description = "Seconds of voting (default ${DEFAULT-VALUE}).")
        long votingPeriod;
        @Option(names = "--quorum", defaultValue = "3", description = "Votes for or abstaining needed (default ${DEFAULT-VALUE}).")
        long quorum;
        @Option(names = "--credits", defaultValue = "100", description = "Voting credits per member per period; v votes cost v² (default ${DEFAULT-VALUE}).")
        long credits;
        @Option(names = "--credit-period", defaultValue = "2592000", description = "Seconds of a credit period (default ${DEFAULT-VALUE}).")
        long creditPeriod;
        @Option(names = "--timelock-delay", defaultValue = "86400", description = "Seconds a passed proposal waits (default ${DEFAULT-VALUE}).")
        long timelockDelay;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            if (scope != null) {
                body.put("scope", scope);
            }
            body.put("terms", Map.of("floorPrice", floorPrice, "consumerTypes", consumerTypes, "purposes", purposes,
                    "maxEpsilon", maxEpsilon, "shareBps", shareBps));
            body.put("governance", Map.of("votingDelaySeconds", votingDelay, "votingPeriodSeconds", votingPeriod,
                    "quorumVotes", quorum, "creditsPerPeriod", credits, "creditPeriodSeconds", creditPeriod,
                    "timelockDelaySeconds", timelockDelay));
            return api.call("POST", "/daos", body);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The node's DAOs: terms, members, treasury.")
    int list(@Mixin ApiClient api) {
        return api.call("GET", "/daos", null);
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One DAO's terms, members and treasury.")
    int show(@Mixin ApiClient api, @Option(names = "--dao", required = true, description = "DAO id.") String dao) {
        return api.call("GET", "/daos/" + dao, null);
    }

    @Command(name = "join", mixinStandardHelpOptions = true, description = "Join a credential DAO with your verified account (a patient).")
    int join(@Mixin ApiClient api, @Option(names = "--dao", required = true, description = "DAO id.") String dao) {
        return api.call("POST", "/daos/" + dao + "/members", null);
    }

    @Command(name = "proposals", mixinStandardHelpOptions = true, description = "A DAO's proposals with state and votes.")
    int proposals(@Mixin ApiClient api,
            @Option(names = "--dao", required = true, description = "DAO id.") String dao) {
        return api.call("GET", "/daos/" + dao + "/proposals", null);
    }

    @Command(name = "propose", mixinStandardHelpOptions = true, description = "Propose policy changes or a treasury grant (a member).")
    int propose(@Mixin ApiClient api, @Option(names = "--dao", required = true, description = "DAO id.") String dao,
            @Option(names = "--change", required = true, description = "floorPrice=…, consumerTypes=…, purposes=…, maxEpsilon=…, share=…, approveDeal=0x…, withdrawDeal=0x…, grant=0x…:amount (repeatable)") List<String> changes,
            @Option(names = "--description", required = true, description = "What and why.") String description) {
        return api.call("POST", "/daos/" + dao + "/proposals", Map.of("changes", changes, "description",
                description));
    }

    @Command(name = "vote", mixinStandardHelpOptions = true, description = "Vote on a proposal (a member): v votes cost v² credits.")
    int vote(@Mixin ApiClient api, @Option(names = "--dao", required = true, description = "DAO id.") String dao,
            @Option(names = "--proposal", required = true, description = "Proposal id.") String proposal,
            @Option(names = "--support", required = true, description = "FOR, AGAINST or ABSTAIN") String support,
            @Option(names = "--votes", required = true, description = "Number of votes.") long votes) {
        return api.call("POST", "/daos/" + dao + "/proposals/" + proposal + "/votes", Map.of("support", support,
                "votes", votes));
    }

    @Command(name = "queue", mixinStandardHelpOptions = true, description = "Queue a passed proposal in the timelock.")
    int queue(@Mixin ApiClient api, @Option(names = "--dao", required = true, description = "DAO id.") String dao,
            @Option(names = "--proposal", required = true, description = "Proposal id.") String proposal) {
        return api.call("POST", "/daos/" + dao + "/proposals/" + proposal + "/queue", null);
    }

    @Command(name = "execute", mixinStandardHelpOptions = true, description = "Execute a queued proposal after the delay.")
    int execute(@Mixin ApiClient api, @Option(names = "--dao", required = true, description = "DAO id.") String dao,
            @Option(names = "--proposal", required = true, description = "Proposal id.") String proposal) {
        return api.call("POST", "/daos/" + dao + "/proposals/" + proposal + "/execute", null);
    }
}
