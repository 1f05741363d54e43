package io.salus.chain.consent;

import static io.salus.testkit.chain.ConsentSigner.SIGNER;
import static io.salus.testkit.chain.ConsentSigner.withSignature;
import static io.salus.testkit.chain.TestChain.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.ConsentAddresses;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.testkit.chain.ConsentSigner;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.data.ConsentFixtures;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signatures for another EIP-712 domain (another chain id, another Salus contract, an unknown contract), each twice:
 * through the ledger (the pre-flight's failure code, nothing sent) and as the raw call straight to the contract, which
 * must revert on its own. The attacks every consent ledger must stop (replays, malleated and compact signatures,
 * expired deadlines, other signers) are in {@link io.salus.testkit.contract.ConsentLedgerContract}.
 */
@WithChain
class SignatureAttacksIT {
    static TestChain chain;
    static ConsentSigner signer;

    @BeforeAll
    static void start(TestChain c) {
        chain = c;
        signer = c.signer();
    }

    static GrantTerms terms(byte[] patientKey) {
        return ConsentFixtures.researchTerms(address(patientKey), Optional.empty());
    }

    static ConsentAddresses consent() {
        return chain.contracts().consent().orElseThrow();
    }

    static byte[] key(String name) {
        return chain.key(name);
    }

    void assertRefused(Signed<GrantTerms> s, ErrorCode code, String revert) {
        long sent = chain.sentBy(chain.deployment().relayer());
        assertThat(chain.consent().grant(s).failure().code()).isEqualTo(code);
        assertThat(chain.sentBy(chain.deployment().relayer())).as("nothing was sent").isEqualTo(sent);
        assertThat(DirectCalls.revertOf(chain, s)).contains(revert);
    }

    @Test
    void signatureForAnotherChainId_isWrongDomain_andTheContractReverts() {
        byte[] patientKey = key("other chain patient");
        Signed<GrantTerms> unsigned = signer.sign(terms(patientKey), patientKey);
        ConsentTypedData mainnet = new ConsentTypedData(1, consent());

        Signed<GrantTerms> s = withSignature(unsigned,
                SIGNER.sign(mainnet.digest(unsigned), patientKey));

        assertRefused(s, ErrorCode.WRONG_DOMAIN, "WrongSigner");
    }

    @Test
    void signatureForAnotherSalusContract_isWrongDomain_andTheContractReverts() {
        byte[] patientKey = key("other contract patient");
        Signed<GrantTerms> unsigned = signer.sign(terms(patientKey), patientKey);
        ConsentAddresses swapped = new ConsentAddresses(consent().issuerRegistry(), consent().issuerRegistry(),
                consent().accessLog());

        Signed<GrantTerms> s = withSignature(unsigned,
                SIGNER.sign(new ConsentTypedData(31337, swapped).digest(unsigned), patientKey));

        assertRefused(s, ErrorCode.WRONG_DOMAIN, "WrongSigner");
    }

    @Test
    void signatureForAnUnknownContract_isRefusedAsInvalid_andTheContractReverts() {
        byte[] patientKey = key("unknown contract patient");
        Signed<GrantTerms> unsigned = signer.sign(terms(patientKey), patientKey);
        EvmAddress elsewhere = address(key("some other contract"));
        ConsentAddresses other = new ConsentAddresses(elsewhere, elsewhere, elsewhere);

        Signed<GrantTerms> s = withSignature(unsigned,
                SIGNER.sign(new ConsentTypedData(31337, other).digest(unsigned), patientKey));

        assertRefused(s, ErrorCode.INVALID_SIGNATURE, "WrongSigner");
    }
}
