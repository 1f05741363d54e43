package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.chain.consent.EvmSigner;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import io.salus.core.usecase.consent.CustodialSigner;
import io.salus.crypto.TinkKekStore;
import io.salus.crypto.TinkKeyManager;
import io.salus.node.wiring.Node;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.http.HttpService;

/**
 * The point of self-custody: whoever runs or takes the node, with every private key it holds (every custodial
 * account's signing key and the node's own relayer and admin keys, all opened with its KEK), cannot produce a consent
 * the ConsentRegistry accepts for a self-custodied patient; only the device's key can.
 */
class SelfCustodyForgeryIT {
    final Node node = TestNodes.shared();
    final Api api = new Api(node);
    final EvmSigner signer = new EvmSigner();

    @Test
    void aConsentSignedByAnyKeyTheNodeHolds_isRefusedByTheContract() throws Exception {
        SelfCustodyPatients.Patient p = SelfCustodyPatients.open(api, "Unforgeable");
        api.open("PATIENT", "A custodial neighbour");
        EvmAddress wallet = p.keys().address();
        GrantTerms terms = new GrantTerms(wallet, Category.VITAL_SIGNS.mask(), AttestationType.PUBLIC_HEALTH.mask(),
                Purpose.PUBHLTH.mask(), Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS),
                Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), 0, Optional.empty());
        Map<EvmAddress, byte[]> nodeKeys = everyKeyTheNodeHolds();
        assertThat(nodeKeys).hasSizeGreaterThanOrEqualTo(3).doesNotContainKey(wallet);

        Web3j web3j = Web3j.build(new HttpService(node.localChain().orElseThrow().rpcUrl()));
        try {
            CustodialSigner.Prepared<GrantTerms> asPatient = node.consents().prepare(terms, wallet);
            for (Map.Entry<EvmAddress, byte[]> k : nodeKeys.entrySet()) {
                assertThat(SelfCustodyPatients.call(node, web3j,
                        SelfCustodyPatients.signed(asPatient, signer.sign(asPatient.digest(), k.getValue()))))
                        .as("signed by %s in the patient's name", k.getKey()).satisfies(r -> assertRefused(r));
                CustodialSigner.Prepared<GrantTerms> asItself = node.consents().prepare(terms, k.getKey());
                assertThat(SelfCustodyPatients.call(node, web3j,
                        SelfCustodyPatients.signed(asItself, signer.sign(asItself.digest(), k.getValue()))))
                        .as("signed by %s in its own name", k.getKey()).satisfies(r -> assertRefused(r));
            }
            EthCall device = SelfCustodyPatients.call(node, web3j,
                    SelfCustodyPatients.signed(asPatient, SelfCustodyPatients.sign(p.keys(), asPatient.digest())));
            assertThat(device.hasError()).as("the device's own signature is accepted: %s",
                    device.hasError() ? device.getError().getMessage() : "").isFalse();
            assertThat(device.getValue()).isNotEqualTo("0x");
        } finally {
            web3j.shutdown();
        }
    }

    private static void assertRefused(EthCall r) {
        assertThat(r.hasError() || r.isReverted()).as("the contract reverts").isTrue();
    }

    /** Every account signing key in the store and the node's own keys, opened with the node's KEK. */
    private Map<EvmAddress, byte[]> everyKeyTheNodeHolds() throws Exception {
        Path keysDir = node.settings().dataDir().resolve("keys");
        TinkKeyManager kek = new TinkKekStore(keysDir.resolve("kek.json"), new SecureRandom())
                .open(TestNodes.SECRET.toCharArray()).orElseThrow();
        Map<EvmAddress, byte[]> keys = new LinkedHashMap<>();
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = node.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT address, sealed_signing_key FROM account WHERE sealed_signing_key IS NOT NULL "
                                + "ORDER BY created_at DESC LIMIT 300");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(new Object[]{new EvmAddress(rs.getString(1)), rs.getBytes(2)});
            }
        }
        for (Object[] r : rows) {
            EvmAddress a = (EvmAddress) r[0];
            keys.put(a, kek.unsealSigningKey(a, (byte[]) r[1]).orElseThrow());
        }
        JsonNode file = new ObjectMapper().readTree(keysDir.resolve("node-keys.json").toFile());
        for (String role : List.of("relayer", "admin")) {
            EvmAddress a = new EvmAddress(file.path(role).path("address").asText());
            keys.put(a, kek.unsealSigningKey(a, Base64.getDecoder().decode(file.path(role).path("sealed").asText()))
                    .orElseThrow());
        }
        return keys;
    }
}
