package io.salus.chain.consent;

import static io.salus.chain.consent.ConsentFixture.address;
import static io.salus.chain.consent.ConsentFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.ConsentAddresses;
import io.salus.chain.consent.internal.ConsentCalls;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.DelegationScope;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each attack twice: through the ledger (the pre-flight's failure code, nothing sent) and as the raw call straight to
 * the contract, which must revert on its own.
 */
class SignatureAttacksIT {
    @TempDir
    static Path dir;
    static ConsentFixture f;

    @BeforeAll
    static void start() {
        f = ConsentFixture.start(dir.resolve("chain"));
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    static GrantTerms terms(byte[] patientKey) {
        return ConsentLedgerIT.terms(address(patientKey), Optional.empty());
    }

    static ConsentAddresses consent() {
        return f.contracts().consent().orElseThrow();
    }

    void assertRefused(Signed<GrantTerms> s, ErrorCode code, String revert) {
        long head = f.consent().headBlock();
        assertThat(f.consent().grant(s).failure().code()).isEqualTo(code);
        assertThat(f.consent().headBlock()).as("nothing was sent").isEqualTo(head);
        assertThat(f.revertOf(consent().consentRegistry(), ConsentCalls.grant(s))).contains(revert);
    }

    @Test
    void replay_ofAnAcceptedGrant_isNonceUsed_andTheContractReverts() {
        byte[] patientKey = key("replay patient");
        Signed<GrantTerms> s = f.sign(terms(patientKey), patientKey);
        assertThat(f.revertOf(consent().consentRegistry(), ConsentCalls.grant(s))).isEmpty();
        f.consent().grant(s).orElseThrow();

        assertRefused(s, ErrorCode.NONCE_USED, "InvalidAccountNonce");
    }

    @Test
    void replay_ofAnAcceptedDelegation_isNonceUsed_andTheContractReverts() {
        byte[] patientKey = key("replay delegation patient");
        Signed<Payloads.Delegate> s = f.sign(new Payloads.Delegate(address(patientKey), address(key("carer")),
                DelegationScope.MANAGE_CONSENT.mask(), ConsentFixture.inAnHour()), patientKey);
        f.consent().delegate(s).orElseThrow();

        assertThat(f.consent().delegate(s).failure().code()).isEqualTo(ErrorCode.NONCE_USED);
        assertThat(f.revertOf(consent().consentRegistry(), ConsentCalls.delegate(s))).contains("InvalidAccountNonce");
    }

    @Test
    void signatureForAnotherChainId_isWrongDomain_andTheContractReverts() {
        byte[] patientKey = key("other chain patient");
        Signed<GrantTerms> unsigned = f.sign(terms(patientKey), patientKey);
        ConsentTypedData mainnet = new ConsentTypedData(1, consent());

        Signed<GrantTerms> s = ConsentFixture.withSignature(unsigned,
                ConsentFixture.SIGNER.sign(mainnet.digest(unsigned), patientKey));

        assertRefused(s, ErrorCode.WRONG_DOMAIN, "WrongSigner");
    }

    @Test
    void signatureForAnotherSalusContract_isWrongDomain_andTheContractReverts() {
        byte[] patientKey = key("other contract patient");
        Signed<GrantTerms> unsigned = f.sign(terms(patientKey), patientKey);
        ConsentAddresses swapped = new ConsentAddresses(consent().issuerRegistry(), consent().issuerRegistry(),
                consent().accessLog());

        Signed<GrantTerms> s = ConsentFixture.withSignature(unsigned,
                ConsentFixture.SIGNER.sign(new ConsentTypedData(31337, swapped).digest(unsigned), patientKey));

        assertRefused(s, ErrorCode.WRONG_DOMAIN, "WrongSigner");
    }

    @Test
    void signatureForAnUnknownContract_isRefusedAsInvalid_andTheContractReverts() {
        byte[] patientKey = key("unknown contract patient");
        Signed<GrantTerms> unsigned = f.sign(terms(patientKey), patientKey);
        EvmAddress elsewhere = address(key("some other contract"));
        ConsentAddresses other = new ConsentAddresses(elsewhere, elsewhere, elsewhere);

        Signed<GrantTerms> s = ConsentFixture.withSignature(unsigned,
                ConsentFixture.SIGNER.sign(new ConsentTypedData(31337, other).digest(unsigned), patientKey));

        assertRefused(s, ErrorCode.INVALID_SIGNATURE, "WrongSigner");
    }

    @Test
    void expiredDeadline_isSignatureExpired_andTheContractReverts() {
        byte[] patientKey = key("expired patient");
        Signed<GrantTerms> s = f.sign(terms(patientKey), patientKey,
                f.consent().nextNonce(address(patientKey), GrantTerms.class), Instant.now().minusSeconds(3600));

        assertRefused(s, ErrorCode.SIGNATURE_EXPIRED, "SignatureExpired");
    }

    @Test
    void malleatedHighSSignature_isMalleable_andTheContractReverts() {
        byte[] patientKey = key("high s patient");
        Signed<GrantTerms> valid = f.sign(terms(patientKey), patientKey);

        Signed<GrantTerms> s = ConsentFixture.withSignature(valid, Signatures.highS(valid.signature()));

        assertRefused(s, ErrorCode.MALLEABLE_SIGNATURE, "ECDSAInvalidSignatureS");
        f.consent().grant(valid).orElseThrow();
    }

    @Test
    void compact64ByteSignature_isMalleable_andTheContractReverts() {
        byte[] patientKey = key("compact patient");
        Signed<GrantTerms> valid = f.sign(terms(patientKey), patientKey);

        Signed<GrantTerms> s = ConsentFixture.withSignature(valid, Signatures.compact(valid.signature()));

        assertRefused(s, ErrorCode.MALLEABLE_SIGNATURE, "ECDSAInvalidSignatureLength");
        f.consent().grant(valid).orElseThrow();
    }

    @Test
    void signatureBySomeoneElse_isInvalid_andTheContractReverts() {
        byte[] patientKey = key("impersonated patient");
        byte[] attackerKey = key("attacker");
        Signed<GrantTerms> byPatient = f.sign(terms(patientKey), patientKey);

        Signed<GrantTerms> s = ConsentFixture.withSignature(byPatient,
                ConsentFixture.SIGNER.sign(f.consent().digest(byPatient), attackerKey));

        assertRefused(s, ErrorCode.INVALID_SIGNATURE, "WrongSigner");
    }

    @Test
    void highSAndCompactSignatures_areRefusedOnEveryInstruction() {
        byte[] patientKey = key("every instruction patient");
        byte[] issuerKey = key("every instruction issuer");
        f.consent().trustIssuer(address(issuerKey), AttestationType.PHARMA.mask()).orElseThrow();
        long id = f.consent().grant(f.sign(terms(patientKey), patientKey)).orElseThrow().grantId();
        Signed<Payloads.Revoke> revoke = f.sign(new Payloads.Revoke(id), patientKey);
        Signed<Payloads.Delegate> delegate = f.sign(new Payloads.Delegate(address(patientKey),
                address(key("carer 2")), 2, ConsentFixture.inAnHour()), patientKey);
        Signed<Payloads.Attest> attest = f.sign(new Payloads.Attest(address(key("pharma co")),
                AttestationType.PHARMA, 8, Instant.ofEpochSecond(1), ConsentFixture.inAnHour()), issuerKey);

        assertThat(f.consent().revoke(ConsentFixture.withSignature(revoke, Signatures.highS(revoke.signature())))
                .failure().code()).isEqualTo(ErrorCode.MALLEABLE_SIGNATURE);
        assertThat(f.revertOf(consent().consentRegistry(), ConsentCalls.revoke(
                ConsentFixture.withSignature(revoke, Signatures.highS(revoke.signature())))))
                .contains("ECDSAInvalidSignatureS");
        assertThat(f.consent().delegate(ConsentFixture.withSignature(delegate,
                Signatures.compact(delegate.signature()))).failure().code())
                .isEqualTo(ErrorCode.MALLEABLE_SIGNATURE);
        assertThat(f.revertOf(consent().consentRegistry(), ConsentCalls.delegate(
                ConsentFixture.withSignature(delegate, Signatures.compact(delegate.signature())))))
                .contains("ECDSAInvalidSignatureLength");
        assertThat(f.consent().attest(ConsentFixture.withSignature(attest, Signatures.highS(attest.signature())))
                .failure().code()).isEqualTo(ErrorCode.MALLEABLE_SIGNATURE);
        assertThat(f.revertOf(consent().issuerRegistry(), ConsentCalls.attest(
                ConsentFixture.withSignature(attest, Signatures.highS(attest.signature())))))
                .contains("ECDSAInvalidSignatureS");
    }
}
