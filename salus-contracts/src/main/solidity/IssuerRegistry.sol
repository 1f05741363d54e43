// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {SignedRelay} from "./SignedRelay.sol";

/// @title Trusted issuers and their attestations about accounts (consumer types, provider licences).
/// @notice The owner (the node operator) trusts an issuer for a mask of attestation types (bit i = type i; 0
///         distrusts). A trusted issuer signs EIP-712 attestations that anyone may relay; each states that a subject
///         is of a type, for a mask of purposes, within [validFrom, validUntil). Only its issuer can revoke one.
contract IssuerRegistry is Ownable, SignedRelay {
    bytes32 public constant ATTEST_TYPEHASH = keccak256(
        "Attest(address issuer,address subject,uint16 attType,uint32 purposes,uint64 validFrom,uint64 validUntil,"
        "uint256 nonce,uint256 deadline)"
    );
    bytes32 public constant REVOKE_ATTESTATION_TYPEHASH =
        keccak256("RevokeAttestation(uint256 attestationId,uint256 nonce,uint256 deadline)");

    struct Attest {
        address issuer;
        address subject;
        uint16 attType;
        uint32 purposes;
        uint64 validFrom;
        uint64 validUntil;
        uint256 nonce;
        uint256 deadline;
    }

    struct RevokeAttestation {
        uint256 attestationId;
        uint256 nonce;
        uint256 deadline;
    }

    /// Two slots per attestation.
    struct Record {
        address issuer;
        uint64 validFrom;
        uint32 purposes;
        address subject;
        uint64 validUntil;
        uint16 attType;
        bool revoked;
    }

    error UntrustedIssuer(address issuer, uint16 attType);
    error InvalidAttestation();
    error UnknownAttestation(uint256 attestationId);
    error AlreadyRevoked(uint256 attestationId);

    event IssuerTrusted(address indexed issuer, uint32 types);
    event AttestationRecorded(
        uint256 indexed id,
        address indexed issuer,
        address indexed subject,
        uint16 attType,
        uint32 purposes,
        uint64 validFrom,
        uint64 validUntil
    );
    event AttestationRevoked(uint256 indexed id);

    uint256 public attestationCount;
    mapping(address => uint32) public trustedTypes;
    mapping(uint256 => Record) private records;

    constructor() Ownable(msg.sender) SignedRelay("Salus Issuers", "1") {}

    /// @notice Trusts `issuer` for the attestation types in `types` (replacing any earlier mask); 0 distrusts.
    function trustIssuer(address issuer, uint32 types) external onlyOwner {
        if (issuer == address(0)) revert InvalidAttestation();
        trustedTypes[issuer] = types;
        emit IssuerTrusted(issuer, types);
    }

    /// @notice Records an attestation signed by an issuer trusted for its type. Returns its id (from 1).
    function attestBySig(Attest calldata a, bytes calldata signature) external returns (uint256 id) {
        if (a.attType >= 32 || trustedTypes[a.issuer] & (uint32(1) << a.attType) == 0) {
            revert UntrustedIssuer(a.issuer, a.attType);
        }
        if (a.subject == address(0) || a.purposes == 0 || a.validUntil <= a.validFrom) revert InvalidAttestation();
        _verify(keccak256(abi.encode(ATTEST_TYPEHASH, a)), a.issuer, a.nonce, a.deadline, signature);
        id = ++attestationCount;
        records[id] = Record(a.issuer, a.validFrom, a.purposes, a.subject, a.validUntil, a.attType, false);
        emit AttestationRecorded(id, a.issuer, a.subject, a.attType, a.purposes, a.validFrom, a.validUntil);
    }

    /// @notice Revokes an attestation; signed by its issuer (trusted or not any more).
    function revokeAttestationBySig(RevokeAttestation calldata r, bytes calldata signature) external {
        Record storage rec = records[r.attestationId];
        if (rec.issuer == address(0)) revert UnknownAttestation(r.attestationId);
        if (rec.revoked) revert AlreadyRevoked(r.attestationId);
        _verify(keccak256(abi.encode(REVOKE_ATTESTATION_TYPEHASH, r)), rec.issuer, r.nonce, r.deadline, signature);
        rec.revoked = true;
        emit AttestationRevoked(r.attestationId);
    }

    /// @return issuer who attested (address(0) when unknown)
    /// @return subject the attested account
    /// @return attType the attestation type (bit index)
    /// @return purposes the allowed purposes mask
    /// @return validFrom from when (unix seconds)
    /// @return validUntil until when (unix seconds, exclusive)
    /// @return revoked whether its issuer revoked it
    function attestationOf(uint256 id)
        external
        view
        returns (
            address issuer,
            address subject,
            uint16 attType,
            uint32 purposes,
            uint64 validFrom,
            uint64 validUntil,
            bool revoked
        )
    {
        Record storage r = records[id];
        return (r.issuer, r.subject, r.attType, r.purposes, r.validFrom, r.validUntil, r.revoked);
    }
}
