// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title Anchors of Salus record batches: one Merkle root per batch key.
/// @notice Inner nodes are keccak256 of the sorted pair (OpenZeppelin MerkleProof), so any record's inclusion can be
///         checked against the anchored root with {verify}. Anchoring is idempotent by batch key.
contract RecordRegistry is Ownable {
    error NotAnchorer(address caller);
    error EmptyBatch();
    error RootConflict(bytes32 batchKey, bytes32 anchoredRoot, bytes32 requestedRoot);

    event AnchorerChanged(address indexed anchorer, bool enabled);
    event BatchAnchored(bytes32 indexed batchKey, bytes32 root, uint32 leafCount, address indexed anchorer);

    /// Two storage slots: the root, then block number, leaf count and anchorer packed together.
    struct Anchor {
        bytes32 root;
        uint64 blockNumber;
        uint32 leafCount;
        address anchorer;
    }

    mapping(address => bool) public isAnchorer;
    mapping(bytes32 => Anchor) private anchors;

    constructor() Ownable(msg.sender) {
        isAnchorer[msg.sender] = true;
        emit AnchorerChanged(msg.sender, true);
    }

    function setAnchorer(address anchorer, bool enabled) external onlyOwner {
        if (isAnchorer[anchorer] == enabled) return;
        isAnchorer[anchorer] = enabled;
        emit AnchorerChanged(anchorer, enabled);
    }

    /// @notice Anchors a batch root. The same key with the same root again is a no-op; another root is refused.
    function anchor(bytes32 batchKey, bytes32 root, uint32 leafCount) external {
        if (!isAnchorer[msg.sender]) revert NotAnchorer(msg.sender);
        if (root == bytes32(0) || leafCount == 0) revert EmptyBatch();
        bytes32 anchored = anchors[batchKey].root;
        if (anchored == root) return;
        if (anchored != bytes32(0)) revert RootConflict(batchKey, anchored, root);
        anchors[batchKey] = Anchor(root, uint64(block.number), leafCount, msg.sender);
        emit BatchAnchored(batchKey, root, leafCount, msg.sender);
    }

    /// @return root the anchored root (zero when the key is unknown)
    /// @return blockNumber the block that anchored it
    /// @return leafCount the number of leaves of the batch
    /// @return anchorer who anchored it
    function anchorOf(bytes32 batchKey)
        external
        view
        returns (bytes32 root, uint64 blockNumber, uint32 leafCount, address anchorer)
    {
        Anchor storage a = anchors[batchKey];
        return (a.root, a.blockNumber, a.leafCount, a.anchorer);
    }

    /// @return whether `leaf` with `proof` leads to the root anchored under `batchKey` (false for an unknown key)
    function verify(bytes32 batchKey, bytes32 leaf, bytes32[] calldata proof) external view returns (bool) {
        bytes32 root = anchors[batchKey].root;
        if (root == bytes32(0)) return false;
        return MerkleProof.verifyCalldata(proof, root, leaf);
    }
}
