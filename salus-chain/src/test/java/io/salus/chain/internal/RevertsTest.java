package io.salus.chain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.core.error.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

class RevertsTest {
    /**
     * The signatures the three hand-written selector tables held before the decoder read the ABIs (the deal table as
     * it was for DataDeals v2, DealPolicy and DealTimelock).
     */
    private static final List<String> HAND_WRITTEN = List.of("InvalidAccountNonce(address,uint256)",
            "SignatureExpired(uint256,uint256)", "WrongSigner(address,address)", "ECDSAInvalidSignature()",
            "ECDSAInvalidSignatureS(bytes32)", "ECDSAInvalidSignatureLength(uint256)", "InvalidTerms()",
            "NotAuthorized(address,address)", "UnknownGrant(uint256)", "AlreadyRevoked(uint256)", "InvalidDelegate()",
            "UntrustedIssuer(address,uint16)", "InvalidAttestation()", "UnknownAttestation(uint256)",
            "OwnableUnauthorizedAccount(address)", "NotLogger(address)",
            "AccessControlUnauthorizedAccount(address,bytes32)",
            "BelowPolicy(bytes32)", "NotInCohort(uint256)", "AlreadyPaid(address)", "KeyReleaseMismatch(bool)",
            "SettlementInProgress(bytes32)", "DealExists(bytes32)",
            "UnknownDeal(bytes32)", "InvalidSplit(uint256)", "WrongStatus(bytes32,uint8)",
            "DeadlinePassed(bytes32,uint64)", "DeadlineNotReached(bytes32,uint64)", "CohortTooLarge(uint256,uint256)",
            "InvalidCohort()", "PackageMismatch(bytes32,bytes32)", "InvalidPayout(uint256)", "AlreadyRefunded(bytes32)",
            "NothingToRefund(bytes32)", "ERC20InsufficientBalance(address,uint256,uint256)",
            "ERC20InsufficientAllowance(address,uint256,uint256)", "InvalidGuardians()", "NoGuardians(address)",
            "UnknownRequest(uint256)", "NotGuardian(address,address)", "AlreadyApproved(uint256,address)",
            "StaleRequest(uint256)", "NotExecutable(uint256,uint8,uint8)", "AlreadyExecuted(uint256)",
            "WrongKey(uint256)");

    @Test
    void everyErrorTheHandWrittenTablesKnew_isDecodedFromTheAbis() {
        for (String signature : HAND_WRITTEN) {
            assertThat(Reverts.name(revert(signature, "00".repeat(32))))
                    .as(signature).contains(signature.substring(0, signature.indexOf('(')));
        }
    }

    @Test
    void anErrorWithoutAHandWrittenEntry_isStillNamed_butMeansNoFailure() {
        String data = revert("InvalidPayee()", "");

        assertThat(Reverts.name(data)).contains("InvalidPayee");
        assertThat(Reverts.DEALS.code(data)).isEmpty();
    }

    @Test
    void theSameErrorName_meansWhatItMeansToTheContractsCalled() {
        String alreadyRevoked = revert("AlreadyRevoked(uint256)", "00".repeat(31) + "07");
        String invalidTerms = revert("InvalidTerms()", "");

        assertThat(Reverts.CONSENT.code(alreadyRevoked)).contains(ErrorCode.CONSENT_REVOKED);
        assertThat(Reverts.ATTESTATIONS.code(alreadyRevoked)).contains(ErrorCode.ATTESTATION_REVOKED);
        assertThat(Reverts.CONSENT.code(invalidTerms)).contains(ErrorCode.INVALID_GRANT);
        assertThat(Reverts.DEALS.code(invalidTerms)).contains(ErrorCode.DEAL_INVALID_TERMS);
        String missingRole = revert("AccessControlUnauthorizedAccount(address,bytes32)", "00".repeat(64));
        assertThat(Reverts.DEALS.code(missingRole)).contains(ErrorCode.DEAL_NOT_MATCHER);
        assertThat(Reverts.DEAL_ADMIN.code(missingRole)).contains(ErrorCode.FORBIDDEN);
        assertThat(Reverts.DEAL_ADMIN.code(revert("TimelockUnexpectedOperationState(bytes32,bytes32)", "")))
                .contains(ErrorCode.FORBIDDEN);
        assertThat(Reverts.RECOVERY.code(revert("NotExecutable(uint256,uint8,uint8)", "")))
                .contains(ErrorCode.RECOVERY_NOT_ENOUGH_APPROVALS);
    }

    @Test
    void theSelectorIsCaseInsensitive() {
        String data = revert("UnknownDeal(bytes32)", "").toUpperCase().replace("0X", "0x");

        assertThat(Reverts.DEALS.code(data)).contains(ErrorCode.DEAL_NOT_FOUND);
    }

    @Test
    void dataThatNamesNoSalusError_isNotDecoded() {
        assertThat(Reverts.name(revert("Error(string)", "00"))).isEmpty();
        assertThat(Reverts.name("0x")).isEmpty();
        assertThat(Reverts.name(null)).isEmpty();
        assertThat(Reverts.CONSENT.code("0x1234")).isEmpty();
    }

    @Test
    void tupleParameters_areSpelledOutInTheSignature() throws Exception {
        var inputs = new ObjectMapper().readTree("""
                [{"type":"uint256"},
                 {"type":"tuple[]","components":[{"type":"address"},{"type":"tuple","components":[{"type":"bool"}]}]}]
                """);

        assertThat(Reverts.types(inputs)).isEqualTo("(uint256,(address,(bool))[])");
    }

    private static String revert(String signature, String arguments) {
        return Hash.sha3String(signature).substring(0, 10) + arguments;
    }
}
