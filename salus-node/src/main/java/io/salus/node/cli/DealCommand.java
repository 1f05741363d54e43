package io.salus.node.cli;

import io.salus.core.error.Result;
import io.salus.crypto.PackageCrypto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
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
        @Option(names = "--split", defaultValue = "6000,2000,500,500,1000", split = ",", description = "Basis points: patient,providers,caregiver,daoTreasury,operator (sum 10000).")
        java.util.List<Integer> split;

        @Override
        public Integer call() {
            if (split.size() != 5) {
                throw new IllegalArgumentException("--split takes five basis-point values");
            }
            return api.call("POST", "/deals", java.util.Map.of("criteria", criteria(criteria), "categories",
                    categories, "purpose", purpose, "pricePerPatient", price, "maxPatients", maxPatients, "deadline",
                    deadline, "split", java.util.Map.of("patient", split.get(0), "providers", split.get(1),
                            "caregiver", split.get(2), "daoTreasury", split.get(3), "operator", split.get(4))));
        }
    }

    @Command(name = "match", mixinStandardHelpOptions = true, description = "Match and commit a deal's cohort.")
    int match(@Mixin ApiClient api,
            @Option(names = "--deal", required = true, description = "Deal id (0x...).") String deal) {
        return api.call("POST", "/deals/" + deal + "/match", null);
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

    @Command(name = "earnings", mixinStandardHelpOptions = true, description = "An account's token balance and deal payments, from the chain.")
    int earnings(@Mixin ApiClient api,
            @Option(names = "--account", required = true, description = "Account id.") String account) {
        return api.call("GET", "/accounts/" + account + "/earnings", null);
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "A deal's state.")
    int status(@Mixin ApiClient api,
            @Option(names = "--deal", required = true, description = "Deal id (0x...).") String deal) {
        return api.call("GET", "/deals/" + deal, null);
    }

    @Command(name = "download", mixinStandardHelpOptions = true, description = "Download a deal's encrypted package (the consumer).")
    int download(@Mixin ApiClient api,
            @Option(names = "--deal", required = true, description = "Deal id (0x...).") String deal,
            @Option(names = "--out", required = true, description = "Where to write the encrypted package.") Path out) {
        return api.download("/deals/" + deal + "/package", out);
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
