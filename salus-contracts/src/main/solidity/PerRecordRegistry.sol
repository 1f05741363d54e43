// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Baseline for the benchmarks only: one storage slot per record, one transaction per record
///        (the MedRec / Ocean style of anchoring). Salus itself anchors Merkle roots in RecordRegistry.
/// @notice Deliberately minimal (no access control, no event) so the baseline's gas is a lower bound.
contract PerRecordRegistry {
    error AlreadyStored(bytes32 recordHash);

    /// The block each record hash was stored in (zero when unknown).
    mapping(bytes32 => uint256) public storedAt;

    function store(bytes32 recordHash) external {
        if (storedAt[recordHash] != 0) revert AlreadyStored(recordHash);
        storedAt[recordHash] = block.number;
    }
}
