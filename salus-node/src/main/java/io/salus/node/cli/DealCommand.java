package io.salus.node.cli;

import io.salus.core.error.Result;
import io.salus.crypto.PackageCrypto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "deal", mixinStandardHelpOptions = true, description = "Data deals on a running node: count, post, match, deliver, follow, download, decrypt offline.", subcommands = {
        DealCommand.Count.class, DealCommand.Post.class, DealCommand.Decrypt.class})
final class DealCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static Object criteria(String json) {
        try {
            return io.salus.node.http.Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--criteria is not JSON: " + e.getMessage(), e);
        }
    }

    @Command(name = "count", mixinStandardHelpOptions = true, description = "A differentially private count of consenting matching patients (docs/cohorts.md).")
    static final class Count implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--criteria", required = true, description = "Criteria JSON, e.g. '{\"age\":{\"min\":18}}'.")
        String criteria;
        @Option(names = "--categories", required = true, split = ",", description = "e.g. VITAL_SIGNS,LAB_RESULTS")
        java.util.List<String> categories;
        @Option(names = "--purpose", required = true, description = "e.g. HRESCH")
        String purpose;
        @Option(names = "--epsilon", required = true, description = "Privacy budget to spend, e.g. 0.5")
        String epsilon;

        @Override
        public Integer call() {
            return api.call("POST", "/cohorts/count", java.util.Map.of("criteria", criteria(criteria), "categories",
                    categories, "purpose", purpose, "epsilon", epsilon));
        }
    }

    @Command(name = "post", mixinStandardHelpOptions = true, description = "Post and fund a deal (the consumer).")
    static final class Post implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--criteria", required = true, description = "Criteria JSON.")
        String criteria;
        @Option(names = "--categories", required = true, split = ",", description = "e.g. VITAL_SIGNS,LAB_RESULTS")
        java.util.List<String> categories;
        @Option(names = "--purpose", required = true, description = "e.g. HRESCH")
        String purpose;
        @Option(names = "--price", required = true, description = "Price per patient in token units (6 decimals).")
        long price;
        @Option(names = "--max-patients", required = true, description = "Most patients paid for.")
        int maxPatients;
        @Option(names = "--deadline", required = true, description = "ISO-8601 instant.")
        String deadline;
        @Option(names = "--split", split = ",", description = "Basis points: patient,providers,caregiver,daoTreasury,operator (sum 10000, meeting the split policy: see 'deal policy'); without it, the policy's default split.")
        java.util.List<Integer> split;

        @Override
        public Integer call() {
            java.util.Map<String, Object> body = new java.util.LinkedHashMap<>(java.util.Map.of("criteria",
                    criteria(criteria), "categories", categories, "purpose", purpose, "pricePerPatient", price,
                    "maxPatients", maxPatients, "deadline", deadline));
            if (split != null) {
                if (split.size() != 5) {
                    throw new IllegalArgumentException("--split takes five basis-point values");
                }
                body.put("split", java.util.Map.of("patient", split.get(0), "providers", split.get(1), "caregiver",
                        split.get(2), "daoTreasury", split.get(3), "operator", split.get(4)));
            }
            return api.call("POST", "/deals", body);
        }
    }

    @Command(name = "match", mixinStandardHelpOptions = true, description = "Match a deal's cohort: a differentially private size (its epsilon charged to your organisation); a root committed unless the size is suppressed.")
    int match(@Mixin ApiClient api,
            @Option(names = "--deal", required = true, description = "Deal id (0x...).") String deal,
            @Option(names = "--epsilon", description = "Privacy budget to spend on the match (default: the node's setting).") String epsilon) {
        return api.call("POST", "/deals/" + deal + "/match", epsilon == null ? null : Map.of("epsilon", epsilon));
    }

    @Command(name = "deliver", mixinStandardHelpOptions = true, description = "Deliver and settle a matched deal.")
    int deliver(@Mixin ApiClient api,
            @Option(names = "--deal", required = true, description = "Deal id (0x...).") String deal) {
        return api.call("POST", "/deals/" + deal + "/deliver", null);
    }

    @Command(name = "refund", mixinStandardHelpOptions = true, description = "Refund the unspent escrow after the deadline.")
    int refund(@Mixin ApiClient api,
            @Option(names = "--deal", required = true, description = "Deal id (0x...).") String deal) {
        return api.call("POST", "/deals/" + deal + "/refund", null);
    }

    @Command(name = "earnings", mixinStandardHelpOptions = true, description = "An account's token balance and deal payments (at its per-deal claim addresses too), from the chain.")
    int earnings(@Mixin ApiClient api,
            @Option(names = "--account", required = true, description = "Account id.") String account) {
        return api.call("GET", "/accounts/" + account + "/earnings", null);
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true, description = "Move what your per-deal claim addresses hold to an address (default: your own, which links them to you on chain).")
    int withdraw(@Mixin ApiClient api,
            @Option(names = "--to", description = "Destination address (0x...).") String to) {
        return api.call("POST", "/accounts/me/withdrawals", to == null ? Map.of() : Map.of("to", to));
    }

    @Command(name = "policy", mixinStandardHelpOptions = true, description = "The split policy the contracts enforce.")
    int policy(@Mixin ApiClient api) {
        return api.call("GET", "/deal-policy", null);
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "A deal's state.")
    int status(@Mixin ApiClient api,
            @Option(names = "--deal", required = true, description = "Deal id (0x...).") String deal) {
        return api.call("GET", "/deals/" + deal, null);
    }

    @Command(name = "download", mixinStandardHelpOptions = true, description = "Download a settled deal's encrypted package, with the content key the settlement released on chain (the consumer).")
    int download(@Mixin ApiClient api,
            @Option(names = "--deal", required = true, description = "Deal id (0x...).") String deal,
            @Option(names = "--out", required = true, description = "Where to write the encrypted package.") Path out) {
        return api.download("/deals/" + deal + "/package", out);
    }

    @Command(name = "key", mixinStandardHelpOptions = true, description = "The package's content key as the settlement released it on chain (wrapped to your key).")
    int key(@Mixin ApiClient api,
            @Option(names = "--deal", required = true, description = "Deal id (0x...).") String deal) {
        return api.call("GET", "/deals/" + deal + "/key", null);
    }

    @Command(name = "decrypt", mixinStandardHelpOptions = true, description = {
            "Decrypt a package with the consumer's X25519 private key (from POST /accounts/me/key-export, "
                    + "field encryptionPrivateKey), offline: the result is a zip of FHIR Bulk Data NDJSON files."})
    static final class Decrypt implements Callable<Integer> {
        @Option(names = "--in", required = true, description = "The encrypted package.")
        Path in;
        @Option(names = "--out", required = true, description = "The decrypted zip to write.")
        Path out;
        @Option(names = "--key-file", required = true, description = "File holding the hex X25519 private key.")
        Path keyFile;

        @Override
        public Integer call() throws java.io.IOException {
            String hex = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
            byte[] key = HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
            Result<Long> r = PackageCrypto.decrypt(in, out, key);
            if (!r.isOk()) {
                System.err.println(r.failure().code().code() + ": " + r.failure().detail());
                return 1;
            }
            System.out.println("Decrypted " + r.orElseThrow() + " bytes to " + out);
            return 0;
        }
    }
}
