package io.salus.node.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.salus.core.account.EvmAddress;
import io.salus.core.custody.ConsentWords;
import io.salus.core.custody.SignUpProof;
import io.salus.core.custody.TakeCustodyProof;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.crypto.custody.DeviceKeys;
import io.salus.node.http.Json;
import io.salus.node.wiring.DeviceWallet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Self-custody on the patient's device (docs/custody.md): keys generated here and kept in a passphrase-encrypted key
 * file, consents signed here from the typed data (shown in words first), own records opened here.
 */
@Command(name = "custody", mixinStandardHelpOptions = true, description = "Self-custody: keys on this device, "
        + "consents signed here, own records decrypted here (docs/custody.md).", subcommands = {
                CustodyCommand.SignUp.class, CustodyCommand.Grant.class,
                CustodyRecoveryCommand.class})
final class CustodyCommand implements Runnable {
    static final HexFormat HEX = HexFormat.of();

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The key file and its passphrase (env SALUS_KEY_PASSPHRASE, or asked on the console). */
    static final class KeyFile {
        @Option(names = "--key-file", required = true, description = "The device's key file.")
        Path file;
        @Option(names = "--passphrase", defaultValue = "${env:SALUS_KEY_PASSPHRASE}", description = "Passphrase of "
                + "the key file (env SALUS_KEY_PASSPHRASE; asked when absent).")
        String passphrase;

        char[] passphrase() {
            if (passphrase != null && !passphrase.isEmpty()) {
                return passphrase.toCharArray();
            }
            if (System.console() == null) {
                throw new IllegalStateException("no passphrase: set SALUS_KEY_PASSPHRASE or use a console");
            }
            return System.console().readPassword("Passphrase for %s: ", file);
        }

        DeviceKeys open(DeviceWallet wallet) {
            Result<DeviceKeys> keys = wallet.open(file, passphrase());
            if (keys instanceof Result.Ok<DeviceKeys> ok) {
                return ok.value();
            }
            throw new IllegalStateException(keys.failure().detail());
        }
    }

    @Command(name = "sign-up", mixinStandardHelpOptions = true, description = "Open a self-custodied patient "
            + "(operator token): generate the keys here, write the encrypted key file, send the public keys only.")
    static final class SignUp implements java.util.concurrent.Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Mixin
        KeyFile keyFile = new KeyFile();
        @Option(names = "--name", required = true, description = "Display name.")
        String name;

        @Override
        public Integer call() {
            return Enrolment.enrol(api, keyFile, "/custody/sign-up-digest", "/custody/accounts",
                    (d, keys) -> SignUpProof.digest(d.path("chainId").asLong(), keys.address(),
                            keys.encryptionPublicKey()),
                    Map.of("displayName", name));
        }
    }

    @Command(name = "grant", mixinStandardHelpOptions = true, description = "Grant a consent, signed on this device "
            + "(the typed data is hashed and shown in words here first).")
    static final class Grant implements java.util.concurrent.Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Mixin
        KeyFile keyFile = new KeyFile();
        @Mixin
        GrantOptions terms = new GrantOptions();

        @Override
        public Integer call() {
            Map<String, Object> grant = terms.body(Instant.now().toString());
            return Signing.sign(api, keyFile, "grant", Map.of("grant", grant));
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a grant, signed on this device.")
    int revoke(@Mixin ApiClient api, @Mixin KeyFile keyFile,
            @Option(names = "--grant", required = true, description = "Grant id.") long grant) {
        return Signing.sign(api, keyFile, "revoke", Map.of("grantId", grant));
    }

    @Command(name = "read", mixinStandardHelpOptions = true, description = "Fetch one of your records sealed to your "
            + "key and decrypt it on this device.")
    int read(@Mixin ApiClient api, @Mixin KeyFile keyFile,
            @Option(names = "--record", required = true, description = "Record id.") String record) {
        JsonNode s = api.send("GET", "/records/" + record + "/sealed", null);
        if (s == null) {
            return 1;
        }
        try (DeviceKeys keys = keyFile.open(DeviceWallet.create())) {
            Result<byte[]> plain = keys.openRecord(HEX.parseHex(s.path("ciphertext").asText()),
                    HEX.parseHex(s.path("wrappedKey").asText()), HEX.parseHex(s.path("associatedData").asText()));
            if (plain instanceof Result.Ok<byte[]> ok) {
                System.out.println(new String(ok.value(), StandardCharsets.UTF_8));
                return 0;
            }
            System.err.println(plain.failure().detail());
            return 1;
        }
    }

    @Command(name = "take", mixinStandardHelpOptions = true, description = "Take custody of your keys (agent-held "
            + "patient): new keys generated here, the identity rotated to them on chain, every data key re-wrapped, "
            + "the node's copies deleted.")
    int take(@Mixin ApiClient api, @Mixin KeyFile keyFile) {
        return Enrolment.enrol(api, keyFile, "/accounts/me/take-custody/digest", "/accounts/me/take-custody",
                (d, keys) -> TakeCustodyProof.digest(d.path("chainId").asLong(),
                        new EvmAddress(d.path("oldAddress").asText()), keys.address(), keys.encryptionPublicKey()),
                Map.of());
    }

    /**
     * New keys made here: the node's digest is recomputed here (only this device's own is signed), the key file is
     * written before the public keys and the proof are sent, so an account is never opened for keys that were lost.
     */
    static final class Enrolment {
        private Enrolment() {
        }

        static int enrol(ApiClient api, KeyFile keyFile, String digestPath, String path,
                BiFunction<JsonNode, DeviceKeys, Hash32> localDigest, Map<String, Object> fields) {
            DeviceWallet wallet = DeviceWallet.create();
            try (DeviceKeys keys = wallet.newKeys()) {
                Map<String, Object> body = new LinkedHashMap<>(fields);
                body.put("address", keys.address().hex());
                body.put("encryptionPublicKey", HEX.formatHex(keys.encryptionPublicKey()));
                JsonNode d = api.send("POST", digestPath, body);
                if (d == null) {
                    return 1;
                }
                Hash32 digest = localDigest.apply(d, keys);
                if (!digest.hex().equals(d.path("digest").asText())) {
                    System.err.println("the node's digest differs from the one computed here; not signing");
                    return 1;
                }
                wallet.save(keys, keyFile.file, keyFile.passphrase());
                System.err.println("Keys generated on this device; encrypted key file " + keyFile.file);
                body.put("proof", HEX.formatHex(wallet.sign(keys, digest)));
                return api.call("POST", path, body);
            }
        }
    }

    @Command(name = "holdings", mixinStandardHelpOptions = true, description = "What the node holds for you.")
    int holdings(@Mixin ApiClient api) {
        return api.call("GET", "/accounts/me/custody", null);
    }

    /** Prepare on the node, check and sign here, relay. */
    static final class Signing {
        private Signing() {
        }

        static int sign(ApiClient api, KeyFile keyFile, String action, Map<String, Object> fields) {
            JsonNode me = api.send("GET", "/accounts/me", null);
            if (me == null) {
                return 1;
            }
            DeviceWallet wallet = DeviceWallet.create();
            try (DeviceKeys keys = keyFile.open(wallet)) {
                EvmAddress own = new EvmAddress(me.path("address").asText());
                if (!own.equals(keys.address())) {
                    System.err.println("the key file is for " + keys.address() + ", the token for " + own);
                    return 1;
                }
                Map<String, Object> request = new LinkedHashMap<>(fields);
                request.put("action", action);
                request.put("patientId", me.path("id").asText());
                request.put("signer", own.hex());
                JsonNode prepared = api.send("POST", "/consents/prepare", request);
                if (prepared == null) {
                    return 1;
                }
                JsonNode typed = prepared.path("typedData");
                Hash32 digest = DeviceWallet.typedDataHash(typed.toString());
                Map<String, Object> message = Json.mapper().convertValue(typed.path("message"),
                        new TypeReference<Map<String, Object>>() {
                        });
                if (!digest.hex().equals(prepared.path("digest").asText())
                        || !own.hex().equalsIgnoreCase(String.valueOf(message.get("signer")))) {
                    System.err.println("the typed data does not hash to the node's digest or is not signed by you");
                    return 1;
                }
                System.out.println("grant".equals(action) ? ConsentWords.grant(message) : ConsentWords.revoke(message));
                Map<String, Object> signed = new LinkedHashMap<>(request);
                signed.put("nonce", prepared.path("nonce").asLong());
                signed.put("deadline", prepared.path("deadline").asText());
                signed.put("signature", "0x" + HEX.formatHex(wallet.sign(keys, digest)));
                return api.call("POST", "/consents/signed", signed);
            }
        }
    }
}
