package io.salus.chain.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.error.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The one revert decoder. Revert data ({@code 0x} + 4-byte selector + arguments) names a custom error by its selector;
 * the selectors are computed from the custom errors in the Salus contracts' compiled ABIs, so an error added to a
 * contract is decoded without a table to update. What an error means to Salus (the failure it becomes) is stated once
 * per group of contracts below, by name; an error without a meaning stays a fault, its name in the message. Immutable
 * and thread-safe.
 */
public final class Reverts {
    /** The contracts whose ABIs the build packages under {@code io/salus/contracts/}. */
    static final List<String> CONTRACTS = List.of("IdentityRegistry", "RecordRegistry", "IssuerRegistry",
            "ConsentRegistry", "AccessLog", "PaymentToken", "DataDeals", "DealPolicy", "DealTimelock",
            "GuardianRecovery", "NodeRegistry", "TrialEscrow", "FederatedDeals", "StudyPayouts");
    private static final Map<String, String> NAMES = selectors();

    /** The errors of EIP-712 signed calls (nonces, deadlines, signatures) and of ownership, the same everywhere. */
    private static final Map<String, ErrorCode> SIGNED = Map.of("InvalidAccountNonce", ErrorCode.NONCE_USED,
            "SignatureExpired", ErrorCode.SIGNATURE_EXPIRED, "WrongSigner", ErrorCode.INVALID_SIGNATURE,
            "ECDSAInvalidSignature", ErrorCode.INVALID_SIGNATURE, "ECDSAInvalidSignatureS",
            ErrorCode.MALLEABLE_SIGNATURE, "ECDSAInvalidSignatureLength", ErrorCode.MALLEABLE_SIGNATURE,
            "OwnableUnauthorizedAccount", ErrorCode.FORBIDDEN);

    /** ConsentRegistry, IssuerRegistry and AccessLog: grants, delegations, issuers, attestations, access logging. */
    private static final Map<String, ErrorCode> CONSENT_ERRORS = Map.of("InvalidTerms", ErrorCode.INVALID_GRANT,
            "NotAuthorized", ErrorCode.DELEGATION_SCOPE, "UnknownGrant", ErrorCode.GRANT_NOT_FOUND,
            "InvalidDelegate", ErrorCode.INVALID_REQUEST, "UntrustedIssuer", ErrorCode.UNTRUSTED_ISSUER,
            "InvalidAttestation", ErrorCode.INVALID_REQUEST, "UnknownAttestation", ErrorCode.NOT_FOUND, "NotLogger",
            ErrorCode.FORBIDDEN, "DelegateNamesItself", ErrorCode.DELEGATE_GRANT_TO_ITSELF, "BeyondDelegation",
            ErrorCode.DELEGATE_GRANT_OUTLASTS_DELEGATION);

    /** Calls to ConsentRegistry: {@code AlreadyRevoked} is a grant's; a rotated key (taking custody) is frozen. */
    public static final Reverts CONSENT = new Reverts(SIGNED, CONSENT_ERRORS,
            Map.of("AlreadyRevoked", ErrorCode.CONSENT_REVOKED, "KeyIsRotated", ErrorCode.CUSTODY_KEY_ROTATED,
                    "InvalidRotation", ErrorCode.INVALID_REQUEST));

    /** IdentityRegistry's home moves (decision 0036): the home named is not the account's, or the target no member. */
    public static final Reverts HOME_MOVES = new Reverts(SIGNED, Map.of("NotTheHome",
            ErrorCode.MOVE_REFUSED_ON_CHAIN, "InvalidMove", ErrorCode.MOVE_REFUSED_ON_CHAIN, "NotARegistrar",
            ErrorCode.MOVE_TARGET_NOT_MEMBER));

    /** Calls to IssuerRegistry: {@code AlreadyRevoked} is an attestation's. */
    public static final Reverts ATTESTATIONS = new Reverts(SIGNED, CONSENT_ERRORS,
            Map.of("AlreadyRevoked", ErrorCode.ATTESTATION_REVOKED));

    /** PaymentToken, DealPolicy and DataDeals: escrow, policy, commitment, proven settlement, key release, refunds. */
    private static final Map<String, ErrorCode> DEAL_ERRORS = Map.ofEntries(
            Map.entry("OwnableUnauthorizedAccount", ErrorCode.FORBIDDEN),
            Map.entry("DealExists", ErrorCode.DEAL_EXISTS), Map.entry("UnknownDeal", ErrorCode.DEAL_NOT_FOUND),
            Map.entry("InvalidTerms", ErrorCode.DEAL_INVALID_TERMS),
            Map.entry("InvalidSplit", ErrorCode.DEAL_INVALID_TERMS),
            Map.entry("BelowPolicy", ErrorCode.DEAL_BELOW_POLICY),
            Map.entry("WrongStatus", ErrorCode.DEAL_WRONG_STATE),
            Map.entry("DeadlinePassed", ErrorCode.DEAL_DEADLINE_PASSED),
            Map.entry("DeadlineNotReached", ErrorCode.DEAL_DEADLINE_NOT_REACHED),
            Map.entry("CohortTooLarge", ErrorCode.DEAL_COHORT_TOO_LARGE),
            Map.entry("InvalidCohort", ErrorCode.DEAL_INVALID_PAYOUT),
            Map.entry("PackageMismatch", ErrorCode.DEAL_PACKAGE_MISMATCH),
            Map.entry("InvalidPayout", ErrorCode.DEAL_INVALID_PAYOUT),
            Map.entry("NotInCohort", ErrorCode.DEAL_NOT_IN_COHORT),
            Map.entry("AlreadyPaid", ErrorCode.DEAL_ALREADY_PAID),
            Map.entry("KeyReleaseMismatch", ErrorCode.DEAL_INVALID_PAYOUT),
            Map.entry("SettlementInProgress", ErrorCode.DEAL_SETTLEMENT_IN_PROGRESS),
            Map.entry("AlreadyRefunded", ErrorCode.DEAL_ALREADY_REFUNDED),
            Map.entry("NothingToRefund", ErrorCode.DEAL_NOTHING_TO_REFUND),
            Map.entry("UnregisteredDaoTreasury", ErrorCode.DAO_TREASURY_UNREGISTERED),
            Map.entry("ERC20InsufficientBalance", ErrorCode.DEAL_INSUFFICIENT_FUNDS),
            Map.entry("ERC20InsufficientAllowance", ErrorCode.DEAL_INSUFFICIENT_FUNDS));

    /** Calls to the deal contracts by the matcher or a consumer: a missing role is the matcher's. */
    public static final Reverts DEALS = new Reverts(DEAL_ERRORS,
            Map.of("AccessControlUnauthorizedAccount", ErrorCode.DEAL_NOT_MATCHER));

    /**
     * Calls to DealTimelock by the admin: a missing role, a delay under the minimum, an operation scheduled already,
     * not ready or never scheduled are all refusals of an admin change.
     */
    public static final Reverts DEAL_ADMIN = new Reverts(DEAL_ERRORS, Map.of("AccessControlUnauthorizedAccount",
            ErrorCode.FORBIDDEN, "TimelockInsufficientDelay", ErrorCode.FORBIDDEN, "TimelockUnexpectedOperationState",
            ErrorCode.FORBIDDEN, "TimelockUnexecutedPredecessor", ErrorCode.FORBIDDEN, "TimelockUnauthorizedCaller",
            ErrorCode.FORBIDDEN, "TimelockInvalidOperationLength", ErrorCode.FORBIDDEN, "InvalidPolicy",
            ErrorCode.INVALID_REQUEST));

    /** FederatedDeals (decision 0035): the deal errors, and a member's part. */
    public static final Reverts FEDERATED_DEALS = new Reverts(DEAL_ERRORS, Map.of("NotAMember",
            ErrorCode.FDEAL_NOT_A_MEMBER, "PartExists", ErrorCode.FDEAL_PART_EXISTS, "OverAllotted",
            ErrorCode.FDEAL_OVER_ALLOTTED, "NoPart", ErrorCode.FDEAL_NO_PART, "PartTooLarge",
            ErrorCode.FDEAL_PART_TOO_LARGE, "PartSettled", ErrorCode.FDEAL_PART_SETTLED));

    /** GuardianRecovery: guardian sets, recoveries, approvals, the waiting period and cancellations. */
    public static final Reverts RECOVERY = new Reverts(SIGNED, Map.of("InvalidGuardians",
            ErrorCode.RECOVERY_INVALID_GUARDIANS, "NoGuardians", ErrorCode.RECOVERY_NO_GUARDIANS, "UnknownRequest",
            ErrorCode.RECOVERY_NOT_FOUND, "NotGuardian", ErrorCode.RECOVERY_NOT_A_GUARDIAN, "AlreadyApproved",
            ErrorCode.RECOVERY_ALREADY_APPROVED, "StaleRequest", ErrorCode.RECOVERY_STALE, "NotExecutable",
            ErrorCode.RECOVERY_NOT_ENOUGH_APPROVALS, "AlreadyExecuted", ErrorCode.RECOVERY_CLOSED, "WrongKey",
            ErrorCode.INVALID_SIGNATURE),
            Map.of("Cancelled", ErrorCode.RECOVERY_CANCELLED, "Waiting",
                    ErrorCode.RECOVERY_WAITING));

    /** TrialEscrow (clinical-trial recruitment) and the payment token it pulls the escrow from. */
    public static final Reverts TRIALS = new Reverts(SIGNED, Map.ofEntries(
            Map.entry("NotEnroller", ErrorCode.FORBIDDEN),
            Map.entry("InvalidStudyTerms", ErrorCode.TRIAL_INVALID_TERMS),
            Map.entry("StudyExists", ErrorCode.TRIAL_EXISTS), Map.entry("UnknownStudy", ErrorCode.TRIAL_NOT_FOUND),
            Map.entry("StudyClosed", ErrorCode.TRIAL_CLOSED), Map.entry("StudyFull", ErrorCode.TRIAL_FULL),
            Map.entry("AlreadyEnrolled", ErrorCode.TRIAL_ALREADY_ENROLLED),
            Map.entry("ConsentNotSigned", ErrorCode.TRIAL_CONSENT_NOT_SIGNED),
            Map.entry("StudyStillOpen", ErrorCode.TRIAL_STILL_OPEN),
            Map.entry("StudyAlreadyRefunded", ErrorCode.TRIAL_CLOSED),
            Map.entry("NotSponsor", ErrorCode.FORBIDDEN),
            Map.entry("UnknownMilestone", ErrorCode.TRIAL_MILESTONE_UNKNOWN),
            Map.entry("NotEnrolled", ErrorCode.TRIAL_NOT_ENROLLED),
            Map.entry("MilestoneAlreadyPaid", ErrorCode.TRIAL_MILESTONE_ALREADY_PAID),
            Map.entry("ERC20InsufficientBalance", ErrorCode.TRIAL_INSUFFICIENT_FUNDS),
            Map.entry("ERC20InsufficientAllowance", ErrorCode.TRIAL_INSUFFICIENT_FUNDS)));

    /** StudyPayouts (a federated study's members' payouts, decision 0037) and the token it pulls the escrow from. */
    public static final Reverts STUDY_PAYOUTS = new Reverts(Map.ofEntries(
            Map.entry("NotSettler", ErrorCode.FORBIDDEN), Map.entry("NotConsumer", ErrorCode.FORBIDDEN),
            Map.entry("StudyExists", ErrorCode.STUDY_PAYOUT_REFUSED),
            Map.entry("UnknownStudy", ErrorCode.STUDY_PAYOUT_REFUSED),
            Map.entry("DealNotCommitted", ErrorCode.STUDY_PAYOUT_REFUSED),
            Map.entry("DeadlinePassed", ErrorCode.STUDY_PAYOUT_REFUSED),
            Map.entry("InvalidParts", ErrorCode.STUDY_PAYOUT_REFUSED),
            Map.entry("NotFunded", ErrorCode.STUDY_PAYOUT_REFUSED),
            Map.entry("AlreadyFunded", ErrorCode.STUDY_PAYOUT_REFUSED),
            Map.entry("UnknownPart", ErrorCode.STUDY_PAYOUT_REFUSED),
            Map.entry("CapExceeded", ErrorCode.STUDY_PAYOUT_REFUSED),
            Map.entry("NotInPart", ErrorCode.STUDY_PAYOUT_REFUSED),
            Map.entry("AlreadyPaid", ErrorCode.STUDY_PAYOUT_REFUSED),
            Map.entry("InvalidPayout", ErrorCode.STUDY_PAYOUT_REFUSED),
            Map.entry("RefundNotYet", ErrorCode.STUDY_PAYOUT_REFUSED),
            Map.entry("AlreadyRefunded", ErrorCode.STUDY_PAYOUT_REFUSED),
            Map.entry("ERC20InsufficientBalance", ErrorCode.STUDY_PAYOUT_INSUFFICIENT_FUNDS),
            Map.entry("ERC20InsufficientAllowance", ErrorCode.STUDY_PAYOUT_INSUFFICIENT_FUNDS)));

    private final Map<String, ErrorCode> meanings;

    @SafeVarargs
    private Reverts(Map<String, ErrorCode>... parts) {
        Map<String, ErrorCode> all = new HashMap<>();
        for (Map<String, ErrorCode> part : parts) {
            all.putAll(part);
        }
        all.keySet().stream().filter(n -> !NAMES.containsValue(n)).findAny().ifPresent(n -> {
            throw new IllegalStateException("no Salus contract declares the custom error " + n);
        });
        this.meanings = Map.copyOf(all);
    }

    /** The name of the custom error in revert data, if a Salus contract declares it. */
    public static Optional<String> name(String revertData) {
        if (revertData == null || revertData.length() < 10) {
            return Optional.empty();
        }
        return Optional.ofNullable(NAMES.get(revertData.substring(0, 10).toLowerCase(Locale.ROOT)));
    }

    /** The failure a custom error named in revert data means to this group of contracts. */
    public Optional<ErrorCode> code(String revertData) {
        return name(revertData).map(meanings::get);
    }

    /**
     * Sends a call; when the contract refuses it, the call is simulated again to read the revert, and a custom error
     * with a meaning here becomes that failure. Other refusals stay faults (with the error's name when it has one);
     * an unreachable chain is always {@link UnavailableException}.
     */
    public Result<TransactionReceipt> send(TxSender sender, EvmAddress to, String data) {
        return send(sender, to, data, null);
    }

    /** As {@link #send(TxSender, EvmAddress, String)} with an explicit gas limit ({@code null}: estimated). */
    public Result<TransactionReceipt> send(TxSender sender, EvmAddress to, String data, BigInteger gasLimit) {
        try {
            return Result.ok(gasLimit == null ? sender.send(to.hex(), data) : sender.send(to.hex(), data, gasLimit));
        } catch (UnavailableException e) {
            throw e;
        } catch (SalusException e) {
            Optional<String> error = sender.reads().revertData(to, data).flatMap(Reverts::name);
            Optional<ErrorCode> code = error.map(meanings::get);
            if (code.isPresent()) {
                return Result.fail(code.get(), "the contract refused the call: " + error.get());
            }
            throw error.<SalusException>map(n -> new SalusException(e.getMessage() + " (" + n + ")", e)).orElse(e);
        }
    }

    /** Selector ({@code 0x} + 8 hex digits) → name, for every custom error of every Salus contract. */
    private static Map<String, String> selectors() {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> names = new HashMap<>();
        for (String contract : CONTRACTS) {
            String resource = "io/salus/contracts/" + contract + ".abi";
            try (InputStream in = Reverts.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the ABI " + resource + " is not on the class path");
                }
                for (JsonNode entry : json.readTree(in)) {
                    if ("error".equals(entry.path("type").asText())) {
                        String signature = entry.path("name").asText() + types(entry.path("inputs"));
                        String selector = Hash.sha3String(signature).substring(0, 10);
                        String previous = names.putIfAbsent(selector, entry.path("name").asText());
                        if (previous != null && !previous.equals(entry.path("name").asText())) {
                            throw new IllegalStateException("custom errors " + previous + " and " + signature
                                    + " share the selector " + selector);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return Map.copyOf(names);
    }

    /** The canonical parameter list of an ABI entry: {@code (address,uint256)}, tuples as nested lists. */
    static String types(JsonNode inputs) {
        return StreamSupport.stream(inputs.spliterator(), false).map(p -> {
            String type = p.path("type").asText();
            return type.startsWith("tuple") ? types(p.path("components")) + type.substring("tuple".length()) : type;
        }).collect(Collectors.joining(",", "(", ")"));
    }
}
