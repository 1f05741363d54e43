// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ProviderKeyRegistry} from "./ProviderKeyRegistry.sol";

/// The verifier snarkjs generates for attribute.circom (AttributeVerifier, built by salus-zk).
interface IAttributeVerifier {
    function verifyProof(
        uint256[2] calldata a,
        uint256[2][2] calldata b,
        uint256[2] calldata c,
        uint256[9] calldata pubSignals
    ) external view returns (bool);
}

/// @title Admits patients to scopes (a patient DAO, a study) on zero-knowledge attribute proofs.
/// @notice A scope's owner fixes its policy: the attribute kind, the range the proven range must lie within, an
///         optional minimum age (the range's upper end is then at most today's yyyymmdd minus that many years, by the
///         block's time) and the maximum age of the provider's signed commitment. A proof is accepted when the
///         provider key is active in the registry, the commitment is fresh enough, the nullifier is unused in the
///         scope, and the verifier accepts it for this scope and recipient; the nullifier is then used for good.
///         Only the scope, the nullifier and the recipient are emitted: no attribute value ever reaches the chain.
contract AttributeGate {
    uint256 internal constant R = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
    /// Gas given to the verifier: it uses about 242,000; its precompile calls fail closed (false) when short.
    uint256 public constant VERIFIER_GAS = 350_000;

    struct Policy {
        uint256 kind;
        uint256 lo;
        uint256 hi;
        uint64 maxAge;
        uint16 minAgeYears;
        address owner;
    }

    /// The public signals of a proof other than the scope and the recipient, which the gate supplies itself.
    struct Signals {
        uint256 nullifier;
        uint256 providerAx;
        uint256 providerAy;
        uint256 kind;
        uint256 lo;
        uint256 hi;
        uint256 notBefore;
    }

    IAttributeVerifier public immutable verifier;
    ProviderKeyRegistry public immutable registry;
    mapping(uint256 => Policy) internal policies;
    mapping(uint256 => mapping(uint256 => bool)) public nullifierUsed;
    mapping(uint256 => mapping(address => bool)) public admitted;

    error InvalidPolicy();
    error ScopeExists(uint256 scope);
    error UnknownScope(uint256 scope);
    error ZeroRecipient();
    error WrongKind(uint256 expected, uint256 actual);
    error ClaimOutsidePolicy(uint256 lo, uint256 hi, uint256 policyLo, uint256 policyHi);
    error StaleCommitment(uint256 notBefore, uint256 oldestAccepted);
    error NotBeforeInFuture(uint256 notBefore);
    error ProviderKeyInactive(uint256 ax, uint256 ay);
    error NullifierUsed(uint256 scope, uint256 nullifier);
    error InsufficientGas(uint256 left, uint256 needed);
    error InvalidProof();

    event ScopeOpened(
        uint256 indexed scope, address indexed owner, uint256 kind, uint256 lo, uint256 hi, uint64 maxAge,
        uint16 minAgeYears
    );
    event Admitted(uint256 indexed scope, uint256 indexed nullifier, address indexed recipient);

    constructor(IAttributeVerifier verifier_, ProviderKeyRegistry registry_) {
        verifier = verifier_;
        registry = registry_;
    }

    /// The scope id of an owner's label: bound to this chain, this gate and the owner, reduced into the field.
    function scopeId(address owner, bytes32 label) public view returns (uint256) {
        return uint256(keccak256(abi.encode(block.chainid, address(this), owner, label))) % R;
    }

    function openScope(bytes32 label, uint256 kind, uint256 lo, uint256 hi, uint64 maxAge, uint16 minAgeYears)
        external
        returns (uint256 scope)
    {
        if (lo > hi || maxAge == 0 || minAgeYears > 150) revert InvalidPolicy();
        scope = scopeId(msg.sender, label);
        if (policies[scope].owner != address(0)) revert ScopeExists(scope);
        policies[scope] = Policy(kind, lo, hi, maxAge, minAgeYears, msg.sender);
        emit ScopeOpened(scope, msg.sender, kind, lo, hi, maxAge, minAgeYears);
    }

    function policyOf(uint256 scope) external view returns (Policy memory) {
        return policies[scope];
    }

    /// The highest `hi` a proof may claim in the scope now (the age cut-off applied).
    function hiBound(uint256 scope) public view returns (uint256) {
        Policy storage p = policies[scope];
        if (p.owner == address(0)) revert UnknownScope(scope);
        if (p.minAgeYears == 0) return p.hi;
        uint256 cutoff = _yyyymmdd(block.timestamp) - uint256(p.minAgeYears) * 10_000;
        return cutoff < p.hi ? cutoff : p.hi;
    }

    /// Admits the sender (the proof must be for msg.sender). The proof is a, b, c flattened as the verifier takes
    /// them: [a0, a1, b00, b01, b10, b11, c0, c1].
    function admit(uint256 scope, uint256[8] calldata proof, Signals calldata s) external {
        _admit(scope, msg.sender, proof, s);
    }

    /// Admits `recipient` (the proof must be for it): for relayed submissions.
    function admitFor(uint256 scope, address recipient, uint256[8] calldata proof, Signals calldata s) external {
        _admit(scope, recipient, proof, s);
    }

    function _admit(uint256 scope, address recipient, uint256[8] calldata proof, Signals calldata s) internal {
        Policy storage p = policies[scope];
        if (p.owner == address(0)) revert UnknownScope(scope);
        if (recipient == address(0)) revert ZeroRecipient();
        if (s.kind != p.kind) revert WrongKind(p.kind, s.kind);
        uint256 bound = hiBound(scope);
        if (s.lo < p.lo || s.hi > bound) revert ClaimOutsidePolicy(s.lo, s.hi, p.lo, bound);
        uint256 oldest = block.timestamp > p.maxAge ? block.timestamp - p.maxAge : 0;
        if (s.notBefore < oldest) revert StaleCommitment(s.notBefore, oldest);
        if (s.notBefore > block.timestamp) revert NotBeforeInFuture(s.notBefore);
        if (!registry.isActive(s.providerAx, s.providerAy)) revert ProviderKeyInactive(s.providerAx, s.providerAy);
        if (nullifierUsed[scope][s.nullifier]) revert NullifierUsed(scope, s.nullifier);
        uint256[9] memory pub =
            [s.nullifier, s.providerAx, s.providerAy, s.kind, s.lo, s.hi, s.notBefore, scope, uint256(uint160(recipient))];
        if (gasleft() < VERIFIER_GAS + 10_000) revert InsufficientGas(gasleft(), VERIFIER_GAS + 10_000);
        bool valid = verifier.verifyProof{gas: VERIFIER_GAS}(
            [proof[0], proof[1]], [[proof[2], proof[3]], [proof[4], proof[5]]], [proof[6], proof[7]], pub
        );
        if (!valid) revert InvalidProof();
        nullifierUsed[scope][s.nullifier] = true;
        admitted[scope][recipient] = true;
        emit Admitted(scope, s.nullifier, recipient);
    }

    /// A Unix time's UTC date as yyyymmdd (H. Hinnant's civil_from_days).
    function _yyyymmdd(uint256 timestamp) internal pure returns (uint256) {
        uint256 z = timestamp / 86_400 + 719_468;
        uint256 era = z / 146_097;
        uint256 doe = z - era * 146_097;
        uint256 yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        uint256 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        uint256 mp = (5 * doy + 2) / 153;
        uint256 d = doy - (153 * mp + 2) / 5 + 1;
        uint256 m = mp < 10 ? mp + 3 : mp - 9;
        uint256 y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        return y * 10_000 + m * 100 + d;
    }
}
