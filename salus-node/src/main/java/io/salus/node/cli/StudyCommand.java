package io.salus.node.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "study", mixinStandardHelpOptions = true, description = "Federated studies on a running node of an alliance (docs/compute.md): start against a matched deal, follow the rounds, settle, fetch and decrypt the model.", subcommands = {
        StudyCommand.Start.class, StudyCommand.Fetch.class})
final class StudyCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a federated logistic regression against your matched deal; your home node coordinates the rounds across the alliance.")
    static final class Start implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--deal", required = true, description = "Deal id (0x...), matched.")
        String deal;
        @Option(names = "--features", split = ",", description = "Feature columns, e.g. observation:8867-4,age (docs/compute.md).")
        List<String> features = List.of();
        @Option(names = "--lows", split = ",", description = "One low per feature (values are clamped to [low, high]).")
        List<Double> lows = List.of();
        @Option(names = "--highs", split = ",", description = "One high per feature.")
        List<Double> highs = List.of();
        @Option(names = "--outcome", required = true, description = "The outcome column, e.g. condition:44054006.")
        String outcome;
        @Option(names = "--outcome-at-least", defaultValue = "1", description = "The outcome is true from this value (default 1).")
        double outcomeAtLeast;
        @Option(names = "--rounds", defaultValue = "20", description = "Rounds of federated DP gradient descent (default 20).")
        int rounds;
        @Option(names = "--epsilon", required = true, description = "Privacy budget each member spends on its patients over the study.")
        String epsilon;
        @Option(names = "--delta", defaultValue = "1e-6", description = "The delta of each member's (epsilon, delta) (default 1e-6).")
        double delta;
        @Option(names = "--learning-rate", defaultValue = "1", description = "Default 1.")
        double learningRate;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("deal", deal, "features", features, "lows", lows,
                    "highs", highs, "outcome", outcome, "outcomeAtLeast", outcomeAtLeast, "rounds", rounds,
                    "epsilon", epsilon, "delta", delta, "learningRate", learningRate));
            return api.call("POST", "/studies", body);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Your studies, newest first.")
    int list(@Mixin ApiClient api) {
        return api.call("GET", "/studies", null);
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "A study's state and each round's record (model hash, participants, epsilon spent, on-chain transaction).")
    int status(@Mixin ApiClient api,
            @Option(names = "--study", required = true, description = "Study id.") String study) {
        return api.call("GET", "/studies/" + study, null);
    }

    @Command(name = "settle", mixinStandardHelpOptions = true, description = "Settle a trained study's deal: pays the home node's patients used; releases the model's key on chain.")
    int settle(@Mixin ApiClient api,
            @Option(names = "--study", required = true, description = "Study id.") String study) {
        return api.call("POST", "/studies/" + study + "/settle", null);
    }

    @Command(name = "result", mixinStandardHelpOptions = true, description = "Download a settled study's model; with --key-file, decrypt it (offline) and print it.")
    static final class Fetch implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--study", required = true, description = "Study id.")
        String study;
        @Option(names = "--out", required = true, description = "Where to write the encrypted model.")
        Path out;
        @Option(names = "--key-file", description = "File holding your hex X25519 private key (POST /accounts/me/key-export, encryptionPrivateKey).")
        Path keyFile;

        @Override
        public Integer call() throws IOException {
            return JobCommand.fetchAndOpen(api, "/studies/" + study + "/result", out, keyFile);
        }
    }
}
