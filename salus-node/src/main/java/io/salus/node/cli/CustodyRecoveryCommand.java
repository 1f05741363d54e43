package io.salus.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Signed;
import io.salus.core.custody.DeviceGuardians;
import io.salus.core.custody.Rotation;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.recovery.RecoveryPayloads;
import io.salus.core.recovery.RecoveryService;
import io.salus.crypto.custody.DeviceKeys;
import io.salus.crypto.custody.DeviceShares;
import io.salus.node.cli.CustodyCommand.KeyFile;
import io.salus.node.wiring.DeviceWallet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Guardian recovery of device-held keys on the command line (docs/custody.md): the patient's device names guardians
 * (its keys split and sealed here), a new device makes its keys, each guardian's device approves (its share re-sealed
 * here, the approval signed with its own key), and the new device completes (shares combined, the old key's rotation
 * signed and every data key re-wrapped here). Every digest is recomputed here before anything is signed.
 */
@Command(name = "recovery", mixinStandardHelpOptions = true, description = "Guardian recovery of keys held on "
        + "devices: name guardians, make a new device's keys, approve as a guardian, complete, cancel.")
final class CustodyRecoveryCommand implements Runnable {
    private static final HexFormat HEX = HexFormat.of();

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "guardians", mixinStandardHelpOptions = true, description = "Name guardians: your keys are split "
            + "k of n here and each share sealed to its guardian's key; you sign the set.")
    int guardians(@Mixin ApiClient api, @Mixin KeyFile keyFile,
            @Option(names = "--guardian", required = true, description = "A guardian's account id (repeat).") List<String> guardians,
            @Option(names = "--threshold", required = true, description = "k: guardians needed.") int threshold) {
        JsonNode me = api.send("GET", "/accounts/me", null);
        if (me == null) {
            return 1;
        }
        String path = "/patients/" + me.path("id").asText() + "/guardians";
        JsonNode plan = api.send("POST", path + "/device-plan", Map.of("guardians", guardians, "threshold",
                threshold));
        if (plan == null) {
            return 1;
        }
        DeviceWallet wallet = DeviceWallet.create();
        try (DeviceKeys keys = keyFile.open(wallet)) {
            if (!keys.address().hex().equals(plan.path("patient").asText())) {
                System.err.println("the key file is for " + keys.address() + ", the token for another account");
                return 1;
            }
            List<DeviceShares.Recipient> to = new ArrayList<>();
            List<EvmAddress> addresses = new ArrayList<>();
            for (JsonNode g : plan.path("guardians")) {
                to.add(new DeviceShares.Recipient(HEX.parseHex(g.path("encryptionPublicKey").asText()), HEX.parseHex(g
                        .path("shareContext").asText())));
                addresses.add(new EvmAddress(g.path("address").asText()));
            }
            Result<List<DeviceShares.Sealed>> sealed = wallet.shares().split(keys, to, threshold);
            if (!(sealed instanceof Result.Ok<List<DeviceShares.Sealed>> ok)) {
                System.err.println(sealed.failure().detail());
                return 1;
            }
            List<byte[]> shares = ok.value().stream().map(DeviceShares.Sealed::sealed).toList();
            Signed<RecoveryPayloads.SetGuardians> unsigned = new Signed<>(DeviceGuardians.payload(keys.address(),
                    addresses, shares, threshold), keys.address(), plan.path("nonce").asLong(),
                    Instant.parse(plan
                            .path("deadline").asText()),
                    new byte[0]);
            Hash32 digest = typed(plan, unsigned);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("guardians", guardians);
            body.put("threshold", threshold);
            body.put("shares", shares.stream().map(HEX::formatHex).toList());
            body.put("nonce", unsigned.nonce());
            body.put("deadline", unsigned.deadline().toString());
            body.put("signature", HEX.formatHex(wallet.sign(keys, digest)));
            return api.call("PUT", path + "/signed", body);
        }
    }

    @Command(name = "new-keys", mixinStandardHelpOptions = true, description = "Make the new device's keys (written "
            + "to an encrypted key file) and print the address and X25519 key to hand to whoever opens the recovery.")
    int newKeys(@Mixin KeyFile keyFile) {
        DeviceWallet wallet = DeviceWallet.create();
        try (DeviceKeys keys = wallet.newKeys()) {
            wallet.save(keys, keyFile.file, keyFile.passphrase());
            System.out.println("{\"newAddress\":\"" + keys.address().hex() + "\",\"newEncryptionPublicKey\":\""
                    + HEX.formatHex(keys.encryptionPublicKey()) + "\"}");
            return 0;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "As a guardian: check which device the "
            + "recovery goes to, re-seal your share to it here and sign the approval with your own key.")
    int approve(@Mixin ApiClient api, @Mixin KeyFile keyFile,
            @Option(names = "--recovery", required = true, description = "Recovery id.") String recovery) {
        String path = "/recoveries/" + recovery + "/device-approvals";
        JsonNode p = api.send("POST", path + "/prepare", Map.of());
        if (p == null) {
            return 1;
        }
        DeviceWallet wallet = DeviceWallet.create();
        try (DeviceKeys keys = keyFile.open(wallet)) {
            byte[] newKey = HEX.parseHex(p.path("newEncryptionPublicKey").asText());
            Hash32 target = p.has("newAddress")
                    ? RecoveryService.deviceKeyHash(new EvmAddress(p.path("newAddress").asText()), newKey)
                    : RecoveryService.newKeyHash(newKey);
            Signed<RecoveryPayloads.Approve> unsigned = new Signed<>(new RecoveryPayloads.Approve(p.path("requestId")
                    .asLong(), keys.address(), target), keys.address(), p.path("nonce").asLong(), Instant.parse(
                            p
                                    .path("deadline").asText()),
                    new byte[0]);
            Hash32 digest = typed(p, unsigned);
            if (!digest.toString().equals(p.path("digest").asText())) {
                System.err.println("the node's approval is not of the device it names, or not for this key; not "
                        + "signing");
                return 1;
            }
            Result<byte[]> resealed = wallet.shares().reseal(keys, HEX.parseHex(p.path("sealedShare").asText()), HEX
                    .parseHex(p.path("shareContext").asText()), newKey,
                    HEX.parseHex(p.path("approvalContext")
                            .asText()));
            if (!(resealed instanceof Result.Ok<byte[]> ok)) {
                System.err.println(resealed.failure().detail());
                return 1;
            }
            System.err.println("Approving the recovery to the device " + p.path("newAddress").asText("(node key)"));
            return api.call("POST", path, Map.of("nonce", unsigned.nonce(), "deadline", unsigned.deadline()
                    .toString(), "signature", HEX.formatHex(wallet.sign(keys, digest)), "resealed",
                    HEX.formatHex(ok
                            .value())));
        }
    }

    @Command(name = "complete", mixinStandardHelpOptions = true, description = "On the new device, with the claim "
            + "token: combine the guardians' shares here, sign the rotation with the recovered key, re-wrap your data "
            + "keys to the new key here. Prints your new API token.")
    int complete(@Mixin ApiClient api, @Mixin KeyFile keyFile,
            @Option(names = "--recovery", required = true, description = "Recovery id.") String recovery,
            @Option(names = "--claim", required = true, defaultValue = "${env:SALUS_RECOVERY_CLAIM}", description = "The claim token (env SALUS_RECOVERY_CLAIM).") String claim) {
        String path = "/recoveries/" + recovery + "/device-completion";
        JsonNode p = api.send("POST", path + "/prepare", Map.of("claimToken", claim));
        if (p == null) {
            return 1;
        }
        DeviceWallet wallet = DeviceWallet.create();
        DeviceShares shares = wallet.shares();
        try (DeviceKeys device = keyFile.open(wallet)) {
            List<DeviceShares.Sealed> sealed = new ArrayList<>();
            List<byte[]> contexts = new ArrayList<>();
            for (JsonNode s : p.path("shares")) {
                sealed.add(new DeviceShares.Sealed(s.path("x").asInt(), HEX.parseHex(s.path("sealed").asText())));
                contexts.add(HEX.parseHex(s.path("context").asText()));
            }
            Result<DeviceKeys> combined = shares.combine(device, sealed, contexts, p.path("threshold").asInt());
            if (!(combined instanceof Result.Ok<DeviceKeys> ok)) {
                System.err.println(combined.failure().detail());
                return 1;
            }
            try (DeviceKeys old = ok.value()) {
                return finish(api, path, p, claim, wallet, shares, device, old);
            }
        }
    }

    private static int finish(ApiClient api, String path, JsonNode p, String claim, DeviceWallet wallet,
            DeviceShares shares, DeviceKeys device, DeviceKeys old) {
        if (!old.address().hex().equals(p.path("patient").asText()) || !Arrays.equals(old.encryptionPublicKey(), HEX
                .parseHex(p.path("encryptionPublicKey").asText())) || !device.address().hex().equals(
                        p.path(
                                "newAddress").asText())) {
            System.err.println("the combined shares are not the patient's keys, or the recovery is for another "
                    + "device; nothing sent");
            return 1;
        }
        JsonNode r = p.path("rotation");
        Signed<Rotation> unsigned = new Signed<>(new Rotation(old.address(), device.address()), old.address(), r.path(
                "nonce").asLong(), Instant.parse(r.path("deadline").asText()), new byte[0]);
        Hash32 digest = DeviceWallet.rotationDigest(p.path("chainId").asLong(), new EvmAddress(p.path(
                "consentRegistry").asText()), unsigned);
        if (!digest.toString().equals(r.path("digest").asText())) {
            System.err.println("the node's rotation is not old key -> this device; not signing");
            return 1;
        }
        Map<String, String> rewrapped = new LinkedHashMap<>();
        for (JsonNode rec : p.path("records")) {
            Result<byte[]> w = shares.rewrap(old, HEX.parseHex(rec.path("wrappedKey").asText()), HEX.parseHex(rec
                    .path("associatedData").asText()), device.encryptionPublicKey());
            if (!(w instanceof Result.Ok<byte[]> ok)) {
                System.err.println("record " + rec.path("recordId").asText() + ": " + w.failure().detail());
                return 1;
            }
            rewrapped.put(rec.path("recordId").asText(), HEX.formatHex(ok.value()));
        }
        return api.call("POST", path, Map.of("claimToken", claim, "nonce", unsigned.nonce(), "deadline", unsigned
                .deadline().toString(), "signature", HEX.formatHex(wallet.sign(old, digest)), "rewrapped",
                rewrapped));
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "As the patient, with your current key "
            + "file (no token needed): cancel a recovery of your keys before it completes.")
    int cancel(@Mixin ApiClient api, @Mixin KeyFile keyFile,
            @Option(names = "--recovery", required = true, description = "Recovery id.") String recovery) {
        String path = "/recoveries/" + recovery + "/cancellation";
        JsonNode p = api.send("POST", path + "/prepare", null);
        JsonNode chain = p == null ? null : api.send("GET", "/custody/recovery-contract", null);
        if (chain == null) {
            return 1;
        }
        DeviceWallet wallet = DeviceWallet.create();
        try (DeviceKeys keys = keyFile.open(wallet)) {
            Signed<RecoveryPayloads.Cancel> unsigned = new Signed<>(new RecoveryPayloads.Cancel(p.path(
                    "chainRequestId").asLong(), keys.address()), keys.address(), p.path("nonce").asLong(), Instant
                            .parse(p.path("deadline").asText()),
                    new byte[0]);
            Hash32 digest = typed(chain, unsigned);
            if (!keys.address().hex().equals(p.path("patient").asText())
                    || !digest.toString().equals(p.path("digest").asText())) {
                System.err.println("the cancellation is not of a recovery of this key's patient; not signing");
                return 1;
            }
            return api.call("POST", path, Map.of("nonce", unsigned.nonce(), "deadline", unsigned.deadline()
                    .toString(), "signature", HEX.formatHex(wallet.sign(keys, digest))));
        }
    }

    private static Hash32 typed(JsonNode p, Signed<?> unsigned) {
        return DeviceWallet.recoveryDigest(p.path("chainId").asLong(), new EvmAddress(p.path("contract").asText()),
                unsigned);
    }
}
