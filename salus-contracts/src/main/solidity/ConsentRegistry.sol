// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {SignedRelay} from "./SignedRelay.sol";

/// @title Patients' consent grants, their revocations and patients' delegations, from EIP-712 signed instructions.
/// @notice Anyone may relay a single instruction (the Salus node does); only a relayer (the deployer, and whom the
///         owner adds) may relay a batch of them ({relayBatch}). The terms of a grant live in its {GrantRecorded} event; storage
///         keeps only what this contract must check later: each grant's patient and whether it was revoked, and each
///         (patient, delegate) delegation. A delegate whose unexpired delegation includes MANAGE_CONSENT (bit 1) may
///         grant and revoke for the patient, within its delegation: a grant it signs may not name the delegate itself
///         as the consumer ({DelegateNamesItself}) nor last beyond the delegation's end ({BeyondDelegation}).
contract ConsentRegistry is SignedRelay, Ownable {
    uint8 public constant MANAGE_CONSENT = 1 << 1;

    bytes32 public constant GRANT_TYPEHASH = keccak256(
        "Grant(address patient,address signer,uint64 categories,uint32 attestationTypes,uint32 purposes,"
        "uint64 validFrom,uint64 validUntil,uint128 minPrice,address consumer,uint256 nonce,uint256 deadline)"
    );
    bytes32 public constant REVOKE_TYPEHASH =
        keccak256("Revoke(uint256 grantId,address signer,uint256 nonce,uint256 deadline)");
    bytes32 public constant DELEGATE_TYPEHASH = keccak256(
        "Delegate(address patient,address delegate,uint8 scopes,uint64 validUntil,uint256 nonce,uint256 deadline)"
    );
    bytes32 public constant ROTATE_TYPEHASH =
        keccak256("Rotate(address patient,address newKey,uint256 nonce,uint256 deadline)");

    /// The EIP-712 Grant struct, field for field (consumer is address(0) when no consumer is named).
    struct Grant {
        address patient;
        address signer;
        uint64 categories;
        uint32 attestationTypes;
        uint32 purposes;
        uint64 validFrom;
        uint64 validUntil;
        uint128 minPrice;
        address consumer;
        uint256 nonce;
        uint256 deadline;
    }

    struct Revoke {
        uint256 grantId;
        address signer;
        uint256 nonce;
        uint256 deadline;
    }

    struct Delegate {
        address patient;
        address delegate;
        uint8 scopes;
        uint64 validUntil;
        uint256 nonce;
        uint256 deadline;
    }

    /// A patient key handing its identity to a new key (self-custody, docs/custody.md).
    struct Rotate {
        address patient;
        address newKey;
        uint256 nonce;
        uint256 deadline;
    }

    /// The key each rotated patient key handed its identity to (address(0) while it is in use).
    mapping(address => address) public rotatedTo;

    event KeyRotated(address indexed patient, address indexed newKey);

    error KeyIsRotated(address key, address successor);
    error InvalidRotation();

    /// One slot per grant.
    struct GrantState {
        address patient;
        bool revoked;
    }

    /// One slot per (patient, delegate).
    struct DelegationState {
        uint8 scopes;
        uint64 validUntil;
    }

    error InvalidTerms();
    error NotAuthorized(address signer, address patient);
    error UnknownGrant(uint256 grantId);
    error AlreadyRevoked(uint256 grantId);
    error InvalidDelegate();
    error DelegateNamesItself(address delegate);
    error BeyondDelegation(uint64 validUntil, uint64 delegationEnd);

    event GrantRecorded(
        uint256 indexed grantId,
        address indexed patient,
        address indexed signer,
        uint64 categories,
        uint32 attestationTypes,
        uint32 purposes,
        uint64 validFrom,
        uint64 validUntil,
        uint128 minPrice,
        address consumer
    );
    event GrantRevoked(uint256 indexed grantId);
    event DelegationSet(address indexed patient, address indexed delegate, uint8 scopes, uint64 validUntil);

    uint256 public grantCount;
    mapping(uint256 => GrantState) private grants;
    mapping(address => mapping(address => DelegationState)) private delegations;

    /// Who may call {relayBatch}.
    mapping(address => bool) public isRelayer;

    event RelayerChanged(address indexed relayer, bool enabled);

    error NotRelayer(address caller);

    constructor() SignedRelay("Salus Consent", "1") Ownable(msg.sender) {
        isRelayer[msg.sender] = true;
        emit RelayerChanged(msg.sender, true);
    }

    function setRelayer(address relayer, bool enabled) external onlyOwner {
        if (isRelayer[relayer] == enabled) return;
        isRelayer[relayer] = enabled;
        emit RelayerChanged(relayer, enabled);
    }

    /// @notice Records a grant signed by its patient or a MANAGE_CONSENT delegate. Returns the new grant id (from 1).
    function grantBySig(Grant calldata g, bytes calldata signature) external returns (uint256 grantId) {
        if (
            g.patient == address(0) || g.categories == 0 || g.attestationTypes == 0 || g.purposes == 0
                || g.validUntil <= g.validFrom
        ) revert InvalidTerms();
        _requireActive(g.patient);
        _requireManager(g.signer, g.patient);
        if (g.signer != g.patient) {
            if (g.consumer == g.signer) revert DelegateNamesItself(g.signer);
            uint64 end = delegations[g.patient][g.signer].validUntil;
            if (g.validUntil > end) revert BeyondDelegation(g.validUntil, end);
        }
        _verify(keccak256(abi.encode(GRANT_TYPEHASH, g)), g.signer, g.nonce, g.deadline, signature);
        grantId = ++grantCount;
        grants[grantId] = GrantState(g.patient, false);
        emit GrantRecorded(
            grantId,
            g.patient,
            g.signer,
            g.categories,
            g.attestationTypes,
            g.purposes,
            g.validFrom,
            g.validUntil,
            g.minPrice,
            g.consumer
        );
    }

    /// @notice Revokes a grant; signed by its patient or a MANAGE_CONSENT delegate. Effective from this block.
    function revokeBySig(Revoke calldata r, bytes calldata signature) external {
        GrantState storage s = grants[r.grantId];
        if (s.patient == address(0)) revert UnknownGrant(r.grantId);
        if (s.revoked) revert AlreadyRevoked(r.grantId);
        _requireManager(r.signer, s.patient);
        _verify(keccak256(abi.encode(REVOKE_TYPEHASH, r)), r.signer, r.nonce, r.deadline, signature);
        s.revoked = true;
        emit GrantRevoked(r.grantId);
    }

    /// @notice Sets (scopes != 0) or revokes (scopes 0) a delegation; signed by the patient.
    function delegateBySig(Delegate calldata d, bytes calldata signature) external {
        if (d.delegate == address(0) || d.delegate == d.patient || d.patient == address(0)) revert InvalidDelegate();
        _requireActive(d.patient);
        _verify(keccak256(abi.encode(DELEGATE_TYPEHASH, d)), d.patient, d.nonce, d.deadline, signature);
        delegations[d.patient][d.delegate] = DelegationState(d.scopes, d.validUntil);
        emit DelegationSet(d.patient, d.delegate, d.scopes, d.validUntil);
    }

    /// @return patient the grant's patient (address(0) when unknown)
    /// @return revoked whether it was revoked
    function grantOf(uint256 grantId) external view returns (address patient, bool revoked) {
        GrantState storage s = grants[grantId];
        return (s.patient, s.revoked);
    }

    /// @return scopes the delegation's scopes mask (0 when none)
    /// @return validUntil until when (unix seconds, exclusive)
    function delegationOf(address patient, address delegate) external view returns (uint8 scopes, uint64 validUntil) {
        DelegationState storage d = delegations[patient][delegate];
        return (d.scopes, d.validUntil);
    }

    /// @notice A patient's key hands the patient's identity to a new key, signed by the old key (a custodial patient
    ///         taking custody of their keys, docs/custody.md). From this block nothing signed by the old key is accepted
    ///         (grants, revocations, delegations, another rotation) and no grant names it as patient any more, so a copy
    ///         of it kept anywhere is useless here. The new key must be a fresh one (never rotated itself).
    function rotateBySig(Rotate calldata r, bytes calldata signature) external {
        if (r.patient == address(0) || r.newKey == address(0) || r.newKey == r.patient) revert InvalidRotation();
        if (rotatedTo[r.newKey] != address(0)) revert InvalidRotation();
        _requireActive(r.patient);
        _verify(keccak256(abi.encode(ROTATE_TYPEHASH, r)), r.patient, r.nonce, r.deadline, signature);
        rotatedTo[r.patient] = r.newKey;
        emit KeyRotated(r.patient, r.newKey);
    }

    function _requireActive(address key) private view {
        address successor = rotatedTo[key];
        if (successor != address(0)) revert KeyIsRotated(key, successor);
    }

    function _requireManager(address signer, address patient) private view {
        _requireActive(signer);
        if (signer == patient) return;
        DelegationState storage d = delegations[patient][signer];
        if (d.scopes & MANAGE_CONSENT == 0 || block.timestamp >= d.validUntil) revert NotAuthorized(signer, patient);
    }

    /// A batched instruction that did not take effect: its index in the batch and why (the revert data of the
    /// function it called, a custom error such as {WrongSigner} or {InvalidAccountNonce}).
    event InstructionFailed(uint256 indexed index, bytes reason);

    /// An instruction of a batch that is not a call of grantBySig, revokeBySig or delegateBySig.
    error NotAnInstruction(uint256 index);
    /// The batch transaction ran out of gas at this instruction: nothing of the batch takes effect.
    error BatchOutOfGas(uint256 index);

    /// @notice Relays many signed instructions in one transaction, in order. Each is the calldata of grantBySig,
    ///         revokeBySig or delegateBySig and runs as a call of that very function, with all of its checks: one that
    ///         fails is undone alone and reported with {InstructionFailed} (its index and revert data), the others
    ///         take effect and emit their usual events. If the transaction's gas runs out, the whole batch reverts
    ///         ({BatchOutOfGas}) rather than report instructions as failed for want of gas. Only a relayer may call
    ///         it; each instruction's signature is still checked here, by the function it calls.
    function relayBatch(bytes[] calldata instructions) external {
        if (!isRelayer[msg.sender]) revert NotRelayer(msg.sender);
        for (uint256 i; i < instructions.length; ++i) {
            bytes4 selector = bytes4(instructions[i]);
            if (
                selector != this.grantBySig.selector && selector != this.revokeBySig.selector
                    && selector != this.delegateBySig.selector
            ) {
                emit InstructionFailed(i, abi.encodeWithSelector(NotAnInstruction.selector, i));
                continue;
            }
            uint256 before = gasleft();
            (bool ok, bytes memory reason) = address(this).call(instructions[i]);
            if (!ok) {
                if (gasleft() <= before / 64) revert BatchOutOfGas(i);
                emit InstructionFailed(i, reason);
            }
        }
    }
}
