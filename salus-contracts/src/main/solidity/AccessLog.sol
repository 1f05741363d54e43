// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title The public trail of data released under consent: one event per release, no storage.
/// @notice Each event references the node's off-chain audit record (a FHIR AuditEvent) by the hash of its JSON, so an
///         auditor can check the node's audit records against the chain. The patient appears only as a pseudonym of
///         this one access: keccak256(patient address ‖ opening), where the opening is an HMAC of the audit hash under
///         a key only the node holds. Without that key, no event can be joined to a patient's registered address, nor
///         two events to each other; the node (or an auditor it gives one opening) can check each event. The grant that
///         allowed the access is inside the hashed AuditEvent, not in the event (a grant id would name its patient).
///         Only authorised loggers (the relayer) log. Version 2: version 1 named the patient by address.
contract AccessLog is Ownable {
    uint8 public constant VERSION = 2;

    error NotLogger(address caller);

    event LoggerChanged(address indexed logger, bool enabled);
    event AccessLogged(
        bytes32 indexed auditHash,
        bytes32 indexed patientPseudonym,
        address indexed requester,
        uint64 categories,
        uint8 purpose
    );

    mapping(address => bool) public isLogger;

    constructor() Ownable(msg.sender) {
        isLogger[msg.sender] = true;
        emit LoggerChanged(msg.sender, true);
    }

    function setLogger(address logger, bool enabled) external onlyOwner {
        if (isLogger[logger] == enabled) return;
        isLogger[logger] = enabled;
        emit LoggerChanged(logger, enabled);
    }

    /// @notice Logs a released access: `purpose` is the PurposeOfUse bit.
    function logAccess(
        bytes32 auditHash,
        bytes32 patientPseudonym,
        address requester,
        uint64 categories,
        uint8 purpose
    ) external {
        if (!isLogger[msg.sender]) revert NotLogger(msg.sender);
        emit AccessLogged(auditHash, patientPseudonym, requester, categories, purpose);
    }
}
