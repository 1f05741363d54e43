// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title The public trail of data released under consent: one event per release, no storage.
/// @notice Each event references the node's off-chain audit record (a FHIR AuditEvent) by the hash of its JSON, so an
///         auditor can check the node's audit records against the chain. Only authorised loggers (the relayer) log.
contract AccessLog is Ownable {
    error NotLogger(address caller);

    event LoggerChanged(address indexed logger, bool enabled);
    event AccessLogged(
        bytes32 indexed auditHash,
        address indexed patient,
        address indexed requester,
        uint64 categories,
        uint8 purpose,
        uint256 grantId
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

    /// @notice Logs a released access: `purpose` is the PurposeOfUse bit, `grantId` the grant that allowed it.
    function logAccess(
        bytes32 auditHash,
        address patient,
        address requester,
        uint64 categories,
        uint8 purpose,
        uint256 grantId
    ) external {
        if (!isLogger[msg.sender]) revert NotLogger(msg.sender);
        emit AccessLogged(auditHash, patient, requester, categories, purpose, grantId);
    }
}
