// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {SignedRelay} from "./SignedRelay.sol";

/// @title Patients' recovery guardians and the guardians' approvals of key recoveries.
/// @notice A patient names guardians and a threshold k (EIP-712 signed by the patient; each guardian holds one Shamir
///         share of the patient's recovery secret off chain, of which only the hash is recorded here). The owner (the
///         node's relayer) opens a recovery for a patient and a new key; each guardian of the patient's current set
///         approves it once (EIP-712 signed by the guardian); a recovery is executable when approvals reach the
///         threshold of the set it was opened under, and then only after a waiting period ({recoveryDelay}, fixed at
///         deployment) counted from the approval that reached the threshold. Until it is executed the patient can cancel
///         it, with their key ({cancelBySig}) or through the node ({cancel}, after the node authenticated the patient).
///         Naming guardians again starts a new epoch: recoveries opened under an older set can no longer be approved or
///         executed. No health data, only addresses and hashes.
contract GuardianRecovery is SignedRelay, Ownable {
    bytes32 public constant SET_GUARDIANS_TYPEHASH = keccak256(
        "SetGuardians(address patient,address[] guardians,bytes32[] shareHashes,uint8 threshold,uint256 nonce,"
        "uint256 deadline)"
    );
    bytes32 public constant APPROVE_TYPEHASH = keccak256(
        "Approve(uint256 requestId,address guardian,bytes32 newKeyHash,uint256 nonce,uint256 deadline)"
    );
    bytes32 public constant CANCEL_TYPEHASH =
        keccak256("Cancel(uint256 requestId,address patient,uint256 nonce,uint256 deadline)");

    /// @notice How long an approved recovery waits before it can be executed (seconds), for the patient to cancel.
    uint64 public immutable recoveryDelay;

    /// The EIP-712 SetGuardians struct, field for field (arrays hashed as EIP-712 prescribes).
    struct GuardianSet {
        address patient;
        address[] guardians;
        bytes32[] shareHashes;
        uint8 threshold;
        uint256 nonce;
        uint256 deadline;
    }

    struct Request {
        address patient;
        uint64 epoch;
        uint8 approvals;
        bool executed;
        bool cancelled;
        bytes32 newKeyHash;
        uint64 readyAt;
        address opener;
    }

    error InvalidGuardians();
    error NoGuardians(address patient);
    error UnknownRequest(uint256 requestId);
    error NotGuardian(address guardian, address patient);
    error AlreadyApproved(uint256 requestId, address guardian);
    error StaleRequest(uint256 requestId);
    error NotExecutable(uint256 requestId, uint8 approvals, uint8 threshold);
    error AlreadyExecuted(uint256 requestId);
    error WrongKey(uint256 requestId);
    error Cancelled(uint256 requestId);
    error Waiting(uint256 requestId, uint64 executableAt);

    event GuardiansSet(
        address indexed patient, uint64 indexed epoch, uint8 threshold, address[] guardians, bytes32[] shareHashes
    );
    event RecoveryOpened(
        uint256 indexed requestId, address indexed patient, uint64 epoch, bytes32 newKeyHash, address opener
    );
    event RecoveryApproved(uint256 indexed requestId, address indexed guardian, uint8 approvals);
    event RecoveryReady(uint256 indexed requestId, uint64 executableAt);
    event RecoveryExecuted(uint256 indexed requestId, address indexed patient);
    event RecoveryCancelled(uint256 indexed requestId, address indexed patient, address by);

    uint256 public requestCount;
    mapping(address => uint64) public epochOf;
    mapping(address => uint8) public thresholdOf;
    mapping(address => address[]) private guardianList;
    mapping(address => mapping(uint64 => mapping(address => bytes32))) private shareHashes;
    mapping(uint256 => Request) private requests;
    mapping(uint256 => mapping(address => bool)) private approvedBy;

    constructor(uint64 delay) SignedRelay("Salus Recovery", "1") Ownable(msg.sender) {
        recoveryDelay = delay;
    }

    /// @notice Names the patient's guardians (distinct, not the patient, 1 <= threshold <= n <= 255), each with the
    ///         hash of the share sealed to them. Signed by the patient. Starts a new epoch.
    function setGuardiansBySig(GuardianSet calldata s, bytes calldata signature) external returns (uint64 epoch) {
        uint256 n = s.guardians.length;
        if (
            s.patient == address(0) || n == 0 || n > 255 || s.shareHashes.length != n || s.threshold == 0
                || s.threshold > n
        ) revert InvalidGuardians();
        _verify(_guardianSetHash(s), s.patient, s.nonce, s.deadline, signature);
        epoch = ++epochOf[s.patient];
        mapping(address => bytes32) storage hashes = shareHashes[s.patient][epoch];
        for (uint256 i = 0; i < n; i++) {
            address g = s.guardians[i];
            if (g == address(0) || g == s.patient || s.shareHashes[i] == bytes32(0) || hashes[g] != 0) {
                revert InvalidGuardians();
            }
            hashes[g] = s.shareHashes[i];
        }
        guardianList[s.patient] = s.guardians;
        thresholdOf[s.patient] = s.threshold;
        emit GuardiansSet(s.patient, epoch, s.threshold, s.guardians, s.shareHashes);
    }

    function _guardianSetHash(GuardianSet calldata s) private pure returns (bytes32) {
        return keccak256(
            abi.encode(
                SET_GUARDIANS_TYPEHASH,
                s.patient,
                keccak256(abi.encodePacked(s.guardians)),
                keccak256(abi.encodePacked(s.shareHashes)),
                s.threshold,
                s.nonce,
                s.deadline
            )
        );
    }

    /// @notice Opens a recovery of the patient's key towards the key with hash newKeyHash. Owner only (the node, after
    ///         authenticating the opener: one of the patient's guardians or the operator, recorded here).
    function openRecovery(address patient, bytes32 newKeyHash, address opener)
        external
        onlyOwner
        returns (uint256 requestId)
    {
        uint64 epoch = epochOf[patient];
        if (epoch == 0) revert NoGuardians(patient);
        requestId = ++requestCount;
        requests[requestId] = Request(patient, epoch, 0, false, false, newKeyHash, 0, opener);
        emit RecoveryOpened(requestId, patient, epoch, newKeyHash, opener);
    }

    /// @notice A guardian's approval of a recovery, signed by the guardian. Each guardian counts once.
    function approveBySig(
        uint256 requestId,
        address guardian,
        bytes32 newKeyHash,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external returns (uint8 count) {
        Request storage r = requests[requestId];
        if (r.patient == address(0)) revert UnknownRequest(requestId);
        if (r.executed) revert AlreadyExecuted(requestId);
        if (r.cancelled) revert Cancelled(requestId);
        if (r.epoch != epochOf[r.patient]) revert StaleRequest(requestId);
        if (r.newKeyHash != newKeyHash) revert WrongKey(requestId);
        if (shareHashes[r.patient][r.epoch][guardian] == 0) revert NotGuardian(guardian, r.patient);
        if (approvedBy[requestId][guardian]) revert AlreadyApproved(requestId, guardian);
        _verify(
            keccak256(abi.encode(APPROVE_TYPEHASH, requestId, guardian, newKeyHash, nonce, deadline)),
            guardian,
            nonce,
            deadline,
            signature
        );
        approvedBy[requestId][guardian] = true;
        count = ++r.approvals;
        emit RecoveryApproved(requestId, guardian, count);
        if (r.readyAt == 0 && count >= thresholdOf[r.patient]) {
            r.readyAt = uint64(block.timestamp);
            emit RecoveryReady(requestId, r.readyAt + recoveryDelay);
        }
    }

    /// @notice Marks an executable recovery as carried out. Owner only (the node, after rotating the key).
    function markExecuted(uint256 requestId) external onlyOwner {
        Request storage r = requests[requestId];
        if (r.patient == address(0)) revert UnknownRequest(requestId);
        if (r.executed) revert AlreadyExecuted(requestId);
        if (r.cancelled) revert Cancelled(requestId);
        if (!_approved(r)) revert NotExecutable(requestId, r.approvals, thresholdOf[r.patient]);
        if (block.timestamp < r.readyAt + recoveryDelay) revert Waiting(requestId, r.readyAt + recoveryDelay);
        r.executed = true;
        emit RecoveryExecuted(requestId, r.patient);
    }

    /// @notice The patient cancels a recovery of their key, signing with that key (EIP-712 Cancel).
    function cancelBySig(uint256 requestId, uint256 nonce, uint256 deadline, bytes calldata signature) external {
        Request storage r = _cancellable(requestId);
        _verify(
            keccak256(abi.encode(CANCEL_TYPEHASH, requestId, r.patient, nonce, deadline)),
            r.patient,
            nonce,
            deadline,
            signature
        );
        r.cancelled = true;
        emit RecoveryCancelled(requestId, r.patient, r.patient);
    }

    /// @notice Cancels a recovery for the patient. Owner only (the node, after authenticating the patient's current
    ///         API token, or the operator).
    function cancel(uint256 requestId) external onlyOwner {
        Request storage r = _cancellable(requestId);
        r.cancelled = true;
        emit RecoveryCancelled(requestId, r.patient, msg.sender);
    }

    function _cancellable(uint256 requestId) private view returns (Request storage r) {
        r = requests[requestId];
        if (r.patient == address(0)) revert UnknownRequest(requestId);
        if (r.executed) revert AlreadyExecuted(requestId);
        if (r.cancelled) revert Cancelled(requestId);
    }

    /// @return the number of distinct guardians who approved the recovery
    function approvals(uint256 requestId) external view returns (uint8) {
        return requests[requestId].approvals;
    }

    /// @return whether the recovery reached its threshold under the patient's current guardian set, was not
    ///         cancelled, and its waiting period has passed
    function isExecutable(uint256 requestId) external view returns (bool) {
        return _executable(requests[requestId]);
    }

    /// @return readyAt when the approvals reached the threshold (0 if they have not)
    /// @return executableAt when the waiting period ends (0 if the threshold was not reached)
    /// @return cancelled whether the patient (or the node for them) cancelled it
    /// @return opener who opened it, as the node authenticated them
    function timingOf(uint256 requestId)
        external
        view
        returns (uint64 readyAt, uint64 executableAt, bool cancelled, address opener)
    {
        Request storage r = requests[requestId];
        return (r.readyAt, r.readyAt == 0 ? 0 : r.readyAt + recoveryDelay, r.cancelled, r.opener);
    }

    /// @return patient the recovery's patient (address(0) when unknown)
    /// @return epoch the guardian set it was opened under
    /// @return approvalCount distinct guardian approvals
    /// @return threshold the patient's current threshold
    /// @return executed whether it was carried out
    /// @return newKeyHash the hash of the new key
    function requestOf(uint256 requestId)
        external
        view
        returns (address patient, uint64 epoch, uint8 approvalCount, uint8 threshold, bool executed, bytes32 newKeyHash)
    {
        Request storage r = requests[requestId];
        return (r.patient, r.epoch, r.approvals, thresholdOf[r.patient], r.executed, r.newKeyHash);
    }

    /// @return whether the guardian approved the recovery
    function hasApproved(uint256 requestId, address guardian) external view returns (bool) {
        return approvedBy[requestId][guardian];
    }

    /// @return the hash of the share sealed to the guardian in the patient's current set (zero if not a guardian)
    function shareHashOf(address patient, address guardian) external view returns (bytes32) {
        return shareHashes[patient][epochOf[patient]][guardian];
    }

    /// @return the patient's current guardians
    function guardiansOf(address patient) external view returns (address[] memory) {
        return guardianList[patient];
    }

    function _approved(Request storage r) private view returns (bool) {
        return r.patient != address(0) && !r.executed && !r.cancelled && r.epoch == epochOf[r.patient]
            && r.approvals >= thresholdOf[r.patient];
    }

    function _executable(Request storage r) private view returns (bool) {
        return _approved(r) && r.readyAt != 0 && block.timestamp >= r.readyAt + recoveryDelay;
    }
}
