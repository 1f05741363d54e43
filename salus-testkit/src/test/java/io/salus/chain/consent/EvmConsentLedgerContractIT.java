package io.salus.chain.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.consent.internal.ConsentCalls;
import io.salus.chain.internal.Abi;
import io.salus.contracts.generated.ConsentRegistry;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Signed;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.ConsentLedger;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.contract.ConsentLedgerContract;
import io.salus.testkit.data.ConsentFixtures;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.generated.Bytes32;

/** {@link EvmConsentLedger} on the local chain against the port's contract; its EIP-712 digest against Solidity's. */
@WithChain
class EvmConsentLedgerContractIT extends ConsentLedgerContract {
    private final TestChain chain;

    EvmConsentLedgerContractIT(TestChain chain) {
        this.chain = chain;
    }

    @Override
    protected ConsentLedger ledger() {
        return chain.consent();
    }

    @Override
    protected Instant now() {
        return chain.now();
    }

    @Override
    protected Optional<String> refusedOnChain(Signed<?> instruction) {
        return DirectCalls.revertOf(chain, instruction);
    }

    @Override
    protected long relayerSent() {
        return chain.sentBy(chain.deployment().relayer());
    }

    @Test
    void javaDigest_equalsTheContractsDomainSeparatorAndTypedDataHash() {
        byte[] patientKey = key("patient digest");
        Signed<GrantTerms> s = signer.sign(
                ConsentFixtures.researchTerms(TestChain.address(patientKey), Optional.empty()),
                patientKey);
        EvmAddress registry = chain.contracts().consent().orElseThrow().consentRegistry();
        var reads = DirectCalls.reads(chain.deployment(), chain);

        Hash32 domain = Hash32.of((byte[]) reads.call(registry, ConsentCalls.domainSeparator(),
                new TypeReference<Bytes32>() {
                }).get(0));
        Hash32 digest = Hash32.of((byte[]) reads.call(registry, Abi.encode(ConsentRegistry.FUNC_HASHTYPEDDATA,
                new Bytes32(ConsentTypedData.structHash(s).bytes())), new TypeReference<Bytes32>() {
                }).get(0));

        assertThat(domain).isEqualTo(ConsentTypedData.domainSeparator(ConsentTypedData.CONSENT_NAME, 31337,
                registry));
        assertThat(digest).isEqualTo(chain.consent().digest(s));
    }
}
