package io.salus.node.cli;

import io.salus.core.error.Result;
import io.salus.crypto.PackageCrypto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "job", mixinStandardHelpOptions = true, description = "Compute jobs on a running node (docs/compute.md): submit against a matched deal, follow, settle, fetch and decrypt the result.", subcommands = {
        JobCommand.Submit.class, JobCommand.Fetch.class})
final class JobCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, description = "Submit a job against your matched deal: a built-in (mean, quantiles, rates, kaplan-meier, logistic) or a WebAssembly module (--module).")
    static final class Submit implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--deal", required = true, description = "Deal id (0x...), matched.")
        String deal;
        @Option(names = "--algorithm", required = true, description = "mean, quantiles, rates, kaplan-meier, logistic or wasm.")
        String algorithm;
        @Option(names = "--columns", required = true, split = ",", description = "e.g. observation:8867-4 (see docs/compute.md).")
        List<String> columns;
        @Option(names = "--param", description = "A parameter name=value, repeated (mean: low, high, step; quantiles: low, high, bins, p; rates: cuts, eventAtLeast; kaplan-meier: width, bins, origin, eventAtLeast; logistic: low, high, outcomeAtLeast, steps, learningRate, delta; wasm: outputs, low, high, blocks, deadlineMs).")
        Map<String, String> parameters = new LinkedHashMap<>();
        @Option(names = "--epsilon", required = true, description = "Privacy budget the release spends.")
        String epsilon;
        @Option(names = "--module", description = "The WebAssembly module (for --algorithm wasm).")
        Path module;

        @Override
        public Integer call() throws IOException {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("deal", deal, "algorithm", algorithm, "columns",
                    columns, "parameters", parameters, "epsilon", epsilon));
            if (module != null) {
                body.put("module", Base64.getEncoder().encodeToString(Files.readAllBytes(module)));
            }
            return api.call("POST", "/jobs", body);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "A job's state, reason, transitions and on-chain record.")
    int status(@Mixin ApiClient api, @Option(names = "--job", required = true, description = "Job id.") String job) {
        return api.call("GET", "/jobs/" + job, null);
    }

    @Command(name = "settle", mixinStandardHelpOptions = true, description = "Settle a released job's deal: pays each patient whose data the job used; releases the result's key on chain.")
    int settle(@Mixin ApiClient api, @Option(names = "--job", required = true, description = "Job id.") String job) {
        return api.call("POST", "/jobs/" + job + "/settle", null);
    }

    @Command(name = "result", mixinStandardHelpOptions = true, description = "Download a settled job's result; with --key-file, decrypt it (offline) and print it.")
    static final class Fetch implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--job", required = true, description = "Job id.")
        String job;
        @Option(names = "--out", required = true, description = "Where to write the encrypted result.")
        Path out;
        @Option(names = "--key-file", description = "File holding your hex X25519 private key (POST /accounts/me/key-export, encryptionPrivateKey).")
        Path keyFile;

        @Override
        public Integer call() throws IOException {
            return fetchAndOpen(api, "/jobs/" + job + "/result", out, keyFile);
        }
    }

    /** Downloads an encrypted result to {@code out}; with a key file, decrypts it next to it and prints it. */
    static int fetchAndOpen(ApiClient api, String path, Path out, Path keyFile) throws IOException {
        int code = api.download(path, out);
        if (code != 0 || keyFile == null) {
            return code;
        }
        String hex = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
        Path json = out.resolveSibling(out.getFileName() + ".json");
        Result<Long> r = PackageCrypto.decrypt(out, json, HexFormat.of().parseHex(hex.startsWith("0x")
                ? hex.substring(2)
                : hex));
        if (!r.isOk()) {
            System.err.println(r.failure().code().code() + ": " + r.failure().detail());
            return 1;
        }
        System.out.println(Files.readString(json, StandardCharsets.UTF_8));
        return 0;
    }
}
