// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title The alliance: which Salus nodes are members, how to reach them, and where the shared contracts are.
/// @notice A member is known by its relayer address (the key that signs its chain transactions and registers its
///         accounts in IdentityRegistry, so an account's home node is the member whose relayer registered it). Each
///         member states its operator organisation, its API endpoint and the Ed25519 public key that signs its
///         requests to other nodes (RFC 9421). Admission and removal belong to DEFAULT_ADMIN_ROLE, held by the
///         DealTimelock (changes are scheduled in public and take effect after its delay); the founding member is
///         admitted by the deployment. A member may change its own endpoint, never its key. The registry also lists
///         the other contracts by name, so a joining node needs only the RPC URL and this address.
contract NodeRegistry is AccessControl {
    error NotAMember(address node);
    error AlreadyAMember(address node);
    error InvalidMember();
    error LengthMismatch();

    event MemberAdmitted(address indexed node, string organisation, string endpoint, bytes32 signingKey);
    event MemberRemoved(address indexed node);
    event EndpointChanged(address indexed node, string endpoint);
    event ContractSet(bytes32 indexed name, address contractAddress);

    struct Member {
        string organisation;
        string endpoint;
        bytes32 signingKey;
        bool active;
    }

    mapping(address => Member) private members;
    address[] private everAdmitted;
    mapping(bytes32 => address) public contractOf;
    bytes32[] private contractNames;

    constructor(address admin, address founder, string memory organisation, bytes32 signingKey,
            bytes32[] memory names, address[] memory addresses) {
        if (names.length != addresses.length) revert LengthMismatch();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        for (uint256 i; i < names.length; ++i) {
            _setContract(names[i], addresses[i]);
        }
        _admit(founder, organisation, "", signingKey);
    }

    /// @notice Admits a node (or re-admits a removed one with a new key). Admin only (the timelock).
    function admit(address node, string calldata organisation, string calldata endpoint, bytes32 signingKey)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        _admit(node, organisation, endpoint, signingKey);
    }

    /// @notice Removes a member: other nodes refuse its requests from then on. Admin only (the timelock).
    function remove(address node) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (!members[node].active) revert NotAMember(node);
        members[node].active = false;
        emit MemberRemoved(node);
    }

    /// @notice A member states where its API is reached.
    function setEndpoint(string calldata endpoint) external {
        if (!members[msg.sender].active) revert NotAMember(msg.sender);
        members[msg.sender].endpoint = endpoint;
        emit EndpointChanged(msg.sender, endpoint);
    }

    /// @notice Points a contract name at a new address (an upgrade). Admin only (the timelock).
    function setContract(bytes32 name, address contractAddress) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setContract(name, contractAddress);
    }

    function memberOf(address node)
        external
        view
        returns (string memory organisation, string memory endpoint, bytes32 signingKey, bool active)
    {
        Member storage m = members[node];
        return (m.organisation, m.endpoint, m.signingKey, m.active);
    }

    /// @return every node ever admitted, removed ones included (check {memberOf}.active)
    function nodes() external view returns (address[] memory) {
        return everAdmitted;
    }

    function names() external view returns (bytes32[] memory) {
        return contractNames;
    }

    function _admit(address node, string memory organisation, string memory endpoint, bytes32 signingKey) private {
        if (node == address(0) || signingKey == bytes32(0) || bytes(organisation).length == 0) revert InvalidMember();
        Member storage m = members[node];
        if (m.active) revert AlreadyAMember(node);
        if (m.signingKey == bytes32(0)) everAdmitted.push(node);
        members[node] = Member(organisation, endpoint, signingKey, true);
        emit MemberAdmitted(node, organisation, endpoint, signingKey);
    }

    function _setContract(bytes32 name, address contractAddress) private {
        if (contractOf[name] == address(0)) contractNames.push(name);
        contractOf[name] = contractAddress;
        emit ContractSet(name, contractAddress);
    }
}
