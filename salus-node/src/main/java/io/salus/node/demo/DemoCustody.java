package io.salus.node.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.salus.core.account.Account;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Purpose;
import io.salus.core.consent.Signed;
import io.salus.core.custody.ConsentWords;
import io.salus.core.custody.NodeHoldings;
import io.salus.core.custody.SignUpProof;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.record.Category;
import io.salus.core.record.RecordSummary;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.consent.CustodialSigner;
import io.salus.crypto.custody.DeviceKeys;
import io.salus.node.http.Json;
import io.salus.node.wiring.DeviceWallet;
import io.salus.node.wiring.Node;
import io.salus.testkit.Bundles;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's self-custody story: a patient whose keys are made on "their device" (a passphrase-encrypted key file in
 * the data directory) signs up with public keys only; the node's own signing path is refused for them; a consent is
 * shown in words and signed on the device; a record is decrypted on the device; and the node's holdings for the
 * patient are printed (public keys only).
 */
final class DemoCustody {
    static final String PASSPHRASE = "demo wallet passphrase";
    private final Node node;
    private final PrintStream out;

    DemoCustody(Node node, PrintStream out) {
        this.node = node;
        this.out = out;
    }

    void run(Account hospital) {
        DeviceWallet wallet = DeviceWallet.create();
        Path keyFile = node.settings().dataDir().resolve("demo-wallet.keys");
        try (DeviceKeys keys = Files.exists(keyFile)
                ? wallet.open(keyFile, PASSPHRASE.toCharArray()).orElseThrow()
                : wallet.newKeys()) {
            Account patient = node.accountStore().findByAddress(keys.address()).orElseGet(() -> signUp(wallet, keys,
                    keyFile));
            node.accounts().linkProvider(node.operator(), patient.id(), hospital.id()).orElseThrow();
            if (node.records().list(patient, patient.id()).orElseThrow().isEmpty()) {
                node.deposits().deposit(new DepositService.Command(hospital, patient.id(),
                        Bundles.patientWithObservations("demo-wallet", 1), Optional.of("demo-wallet-" + patient.id()),
                        "demo-fixture")).orElseThrow();
            }
            GrantTerms terms = new GrantTerms(keys.address(), Category.VITAL_SIGNS.mask(),
                    AttestationType.PUBLIC_HEALTH.mask(), Purpose.PUBHLTH.mask(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS),
                    Instant.now().plus(90, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), 0, Optional.empty());
            Result<?> custodial = node.consents().grantCustodial(patient, terms);
            out.printf("Self-custody        %s signed up with keys made on the device; the node's own signing path: "
                    + "%s%n", patient.displayName(),
                    custodial.isOk()
                            ? "SIGNED (unexpected!)"
                            : "REFUSED " + custodial.failure().code().code());
            CustodialSigner.Prepared<GrantTerms> prepared = node.consents().prepare(terms, keys.address());
            Hash32 digest = DeviceWallet.typedDataHash(json(prepared));
            if (!digest.equals(prepared.digest())) {
                throw new IllegalStateException("the typed data does not hash to the digest");
            }
            out.printf("  on the device     %s%n", ConsentWords.grant(Json.mapper().convertValue(
                    prepared.typedData().get("message"), new TypeReference<Map<String, Object>>() {
                    })));
            Signed<GrantTerms> u = prepared.unsigned();
            long grant = node.consents().relayGrant(new Signed<>(u.payload(), u.signer(), u.nonce(), u.deadline(),
                    wallet.sign(keys, digest))).orElseThrow().grantId();
            RecordSummary first = node.records().list(patient, patient.id()).orElseThrow().getFirst();
            var sealed = node.deviceReads().sealed(patient, first.id()).orElseThrow();
            byte[] plain = keys.openRecord(sealed.ciphertext(), sealed.wrappedKeyForPatient(),
                    sealed.associatedData()).orElseThrow();
            out.printf("  signed on device  grant %d recorded; record %s (%s, %d bytes) decrypted on the device%n",
                    grant, first.id(), first.resourceType(), plain.length);
            NodeHoldings h = node.deviceReads().holdings(patient).orElseThrow();
            out.printf("  the node holds    custody %s, address %s, X25519 public key %s, secp256k1 public key %s, "
                    + "private keys: %s%n", h.mode().label(), h.address().hex(),
                    HexFormat.of().formatHex(h.encryptionPublicKey()), h.signingPublicKey().isPresent()
                            ? "kept"
                            : "none",
                    h.holdsSigningPrivateKey() || h.holdsEncryptionPrivateKey() ? "SOME (unexpected!)" : "none");
        }
    }

    private Account signUp(DeviceWallet wallet, DeviceKeys keys, Path keyFile) {
        Hash32 digest = SignUpProof.digest(node.selfCustodySignUp().chainId(), keys.address(),
                keys.encryptionPublicKey());
        Account a = node.selfCustodySignUp().open("Demo wallet patient (DEMO)", keys.address(),
                keys.encryptionPublicKey(), wallet.sign(keys, digest)).orElseThrow().account();
        if (!Files.exists(keyFile)) {
            wallet.save(keys, keyFile, PASSPHRASE.toCharArray());
        }
        return a;
    }

    private static String json(CustodialSigner.Prepared<?> p) {
        try {
            return Json.mapper().writeValueAsString(p.typedData());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
