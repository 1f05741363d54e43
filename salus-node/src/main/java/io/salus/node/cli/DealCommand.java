package io.salus.node.cli;

import io.salus.core.error.Result;
import io.salus.crypto.PackageCrypto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "deal", mixinStandardHelpOptions = true, description = "Data deals: follow one on a running node, download its package, decrypt it offline.", subcommands = {
        DealCommand.Status.class, DealCommand.Download.class, DealCommand.Decrypt.class})
final class DealCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "A deal's state.")
    static final class Status implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--deal", required = true, description = "Deal id (0x...).")
        String deal;

        @Override
        public Integer call() {
            return api.call("GET", "/deals/" + deal, null);
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true, description = "Download a deal's encrypted package (the consumer).")
    static final class Download implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--deal", required = true, description = "Deal id (0x...).")
        String deal;
        @Option(names = "--out", required = true, description = "Where to write the encrypted package.")
        Path out;

        @Override
        public Integer call() {
            return api.download("/deals/" + deal + "/package", out);
        }
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
