// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title BabyJubJub public keys of providers, under which zero-knowledge attribute proofs are accepted.
/// @notice The owner (the node operator) enrols provider accounts; an enrolled provider sets or rotates its own key
///         (the owner may also set it). One current key per provider; a key replaced or revoked is revoked for good
///         and can never be registered again. Keys must be points of the curve whose cofactor multiple is not the
///         identity (the circuit refuses those too). See docs/zk.md.
contract ProviderKeyRegistry is Ownable {
    uint256 internal constant R = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
    uint256 internal constant CURVE_A = 168700;
    uint256 internal constant CURVE_D = 168696;

    enum Status {
        None,
        Active,
        Revoked
    }

    mapping(address => bool) public enrolled;
    mapping(address => bytes32) public currentKeyOf;
    mapping(bytes32 => address) public providerOfKey;
    mapping(bytes32 => Status) public statusOfKey;

    error NotEnrolled(address account);
    error NotProviderOrOwner(address caller, address provider);
    error InvalidKey(uint256 ax, uint256 ay);
    error KeyAlreadyRegistered(bytes32 keyId);
    error NoActiveKey(address provider);

    event ProviderEnrolled(address indexed provider);
    event ProviderDisenrolled(address indexed provider);
    event ProviderKeySet(address indexed provider, bytes32 indexed keyId, uint256 ax, uint256 ay);
    event ProviderKeyRevoked(address indexed provider, bytes32 indexed keyId);

    constructor() Ownable(msg.sender) {}

    function keyId(uint256 ax, uint256 ay) public pure returns (bytes32) {
        return keccak256(abi.encode(ax, ay));
    }

    /// Whether proofs under this key are accepted.
    function isActive(uint256 ax, uint256 ay) external view returns (bool) {
        return statusOfKey[keyId(ax, ay)] == Status.Active;
    }

    function enroll(address provider) public onlyOwner {
        if (!enrolled[provider]) {
            enrolled[provider] = true;
            emit ProviderEnrolled(provider);
        }
    }

    /// Enrols the provider if needed and sets its key (the owner's way, for custodial provider accounts).
    function setKeyFor(address provider, uint256 ax, uint256 ay) external onlyOwner {
        enroll(provider);
        _setKey(provider, ax, ay);
    }

    /// An enrolled provider sets or rotates its own key; the previous one is revoked.
    function setKey(uint256 ax, uint256 ay) external {
        if (!enrolled[msg.sender]) revert NotEnrolled(msg.sender);
        _setKey(msg.sender, ax, ay);
    }

    /// The provider or the owner revokes the provider's current key.
    function revoke(address provider) external {
        if (msg.sender != provider && msg.sender != owner()) revert NotProviderOrOwner(msg.sender, provider);
        bytes32 id = currentKeyOf[provider];
        if (id == bytes32(0) || statusOfKey[id] != Status.Active) revert NoActiveKey(provider);
        _revoke(provider, id);
    }

    /// The owner ends a provider's enrolment (e.g. a licence lost): its key is revoked and it cannot set another.
    function disenroll(address provider) external onlyOwner {
        bytes32 id = currentKeyOf[provider];
        if (id != bytes32(0) && statusOfKey[id] == Status.Active) _revoke(provider, id);
        if (enrolled[provider]) {
            enrolled[provider] = false;
            emit ProviderDisenrolled(provider);
        }
    }

    function _setKey(address provider, uint256 ax, uint256 ay) internal {
        if (!_usable(ax, ay)) revert InvalidKey(ax, ay);
        bytes32 id = keyId(ax, ay);
        if (statusOfKey[id] != Status.None) revert KeyAlreadyRegistered(id);
        bytes32 previous = currentKeyOf[provider];
        if (previous != bytes32(0) && statusOfKey[previous] == Status.Active) _revoke(provider, previous);
        statusOfKey[id] = Status.Active;
        providerOfKey[id] = provider;
        currentKeyOf[provider] = id;
        emit ProviderKeySet(provider, id, ax, ay);
    }

    function _revoke(address provider, bytes32 id) internal {
        statusOfKey[id] = Status.Revoked;
        emit ProviderKeyRevoked(provider, id);
    }

    /// On the curve a·x² + y² = 1 + d·x²·y², and 8·P is not the identity (P is not of small order).
    function _usable(uint256 x, uint256 y) internal pure returns (bool) {
        if (x >= R || y >= R) return false;
        uint256 x2 = mulmod(x, x, R);
        uint256 y2 = mulmod(y, y, R);
        uint256 lhs = addmod(mulmod(CURVE_A, x2, R), y2, R);
        uint256 rhs = addmod(1, mulmod(CURVE_D, mulmod(x2, y2, R), R), R);
        if (lhs != rhs) return false;
        (uint256 px, uint256 py, uint256 pz) = (x, y, 1);
        for (uint256 i = 0; i < 3; i++) {
            (px, py, pz) = _double(px, py, pz);
        }
        return px != 0;
    }

    /// Projective doubling on a twisted Edwards curve (no inversion).
    function _double(uint256 x, uint256 y, uint256 z) internal pure returns (uint256, uint256, uint256) {
        uint256 b = mulmod(addmod(x, y, R), addmod(x, y, R), R);
        uint256 c = mulmod(x, x, R);
        uint256 d = mulmod(y, y, R);
        uint256 e = mulmod(CURVE_A, c, R);
        uint256 f = addmod(e, d, R);
        uint256 h = mulmod(z, z, R);
        uint256 j = addmod(f, R - addmod(h, h, R), R);
        uint256 x3 = mulmod(addmod(b, R - addmod(c, d, R), R), j, R);
        uint256 y3 = mulmod(f, addmod(e, R - d, R), R);
        uint256 z3 = mulmod(f, j, R);
        return (x3, y3, z3);
    }
}
