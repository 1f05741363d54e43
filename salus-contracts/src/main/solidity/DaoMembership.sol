// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {AttributeGate} from "./AttributeGate.sol";

/// ERC-5192: minimal soulbound NFTs.
interface IERC5192 {
    event Locked(uint256 tokenId);
    event Unlocked(uint256 tokenId);

    function locked(uint256 tokenId) external view returns (bool);
}

/// @title The membership of a patient data DAO: a soulbound token (ERC-721 + ERC-5192), one per verified person.
/// @notice A membership is keyed by the person, never by the address: in a proof DAO (`scope` ≠ 0) by the zero-knowledge
///         nullifier of the DAO's scope on AttributeGate (`joinByProof` admits the recipient through the gate, which
///         refuses a second proof of the same person whatever the recipient); in a credential DAO (`scope` = 0) by a
///         salted hash of the verified credential subject, vouched for by an ADMITTER_ROLE account (the node after it
///         verified the credential). One DAO uses one path only, so a person cannot join once per path. Tokens never
///         move (transfers and approvals revert, `locked` is always true); an address holds at most one membership.
///         `memberSince` records when an address became a member: the Governor counts only members at a proposal's
///         snapshot, and there is no delegation.
contract DaoMembership is ERC721, AccessControl, IERC5192 {
    bytes32 public constant ADMITTER_ROLE = keccak256("ADMITTER_ROLE");
    bytes4 private constant ERC5192_ID = 0xb45a3c0e;

    AttributeGate public immutable gate;
    uint256 public immutable scope;
    uint256 public totalMembers;
    mapping(bytes32 personKey => uint256 tokenId) public tokenOfPerson;
    mapping(address member => uint48 since) public memberSince;
    mapping(address member => uint256 tokenId) public tokenOf;

    error Soulbound(uint256 tokenId);
    error AlreadyMember(address member);
    error PersonAlreadyMember(bytes32 personKey);
    error WrongAdmissionPath();
    error InvalidPersonKey();
    error NotAdmitted(address recipient);

    event Joined(address indexed member, uint256 indexed tokenId, bytes32 indexed personKey);

    /// @param scope_ the DAO's scope on the gate (a proof DAO), or 0 (a credential DAO: `admin` grants ADMITTER_ROLE)
    constructor(string memory name_, AttributeGate gate_, uint256 scope_, address admin)
        ERC721(name_, "SALUS-DAO")
    {
        gate = gate_;
        scope = scope_;
        if (scope_ != 0 && gate_.policyOf(scope_).owner == address(0)) revert AttributeGate.UnknownScope(scope_);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Admits `recipient` on a zero-knowledge proof of eligibility for the DAO's scope (AttributeGate checks
    ///         the provider's key, freshness, the nullifier and the proof bound to the recipient), then mints.
    function joinByProof(address recipient, uint256[8] calldata proof, AttributeGate.Signals calldata s)
        external
        returns (uint256)
    {
        if (scope == 0) revert WrongAdmissionPath();
        gate.admitFor(scope, recipient, proof, s);
        return _join(recipient, keccak256(abi.encode("zk", scope, s.nullifier)));
    }

    /// @notice Mints to a recipient the gate already admitted in the DAO's scope (its proof was sent to the gate
    ///         directly, e.g. by the patient's own wallet): the gate used the person's nullifier, which admits one
    ///         address only, so this too is once per person.
    function joinAdmitted(address recipient) external returns (uint256) {
        if (scope == 0) revert WrongAdmissionPath();
        if (!gate.admitted(scope, recipient)) revert NotAdmitted(recipient);
        return _join(recipient, keccak256(abi.encode("admitted", scope, recipient)));
    }

    /// @notice Admits `recipient` for a verified credential subject (`subjectKey`: a salted hash of the subject the
    ///         admitter verified, never the subject itself). Credential DAOs only.
    function joinBySubject(address recipient, bytes32 subjectKey) external returns (uint256) {
        if (scope != 0) revert WrongAdmissionPath();
        _checkRole(ADMITTER_ROLE);
        if (subjectKey == bytes32(0)) revert InvalidPersonKey();
        return _join(recipient, keccak256(abi.encode("subject", subjectKey)));
    }

    function isMember(address account) public view returns (bool) {
        return memberSince[account] != 0;
    }

    /// @return whether `account` was a member at `timepoint` (a Unix time)
    function wasMemberAt(address account, uint256 timepoint) external view returns (bool) {
        uint48 since = memberSince[account];
        return since != 0 && since <= timepoint;
    }

    /// @notice ERC-5192: every membership is locked for good.
    function locked(uint256 tokenId) external view returns (bool) {
        _requireOwned(tokenId);
        return true;
    }

    function approve(address, uint256 tokenId) public pure override {
        revert Soulbound(tokenId);
    }

    function setApprovalForAll(address, bool) public pure override {
        revert Soulbound(0);
    }

    function supportsInterface(bytes4 id) public view override(ERC721, AccessControl) returns (bool) {
        return id == ERC5192_ID || super.supportsInterface(id);
    }

    function _join(address recipient, bytes32 personKey) private returns (uint256 tokenId) {
        if (tokenOfPerson[personKey] != 0) revert PersonAlreadyMember(personKey);
        if (memberSince[recipient] != 0) revert AlreadyMember(recipient);
        tokenId = ++totalMembers;
        tokenOfPerson[personKey] = tokenId;
        memberSince[recipient] = uint48(block.timestamp);
        tokenOf[recipient] = tokenId;
        _mint(recipient, tokenId);
        emit Locked(tokenId);
        emit Joined(recipient, tokenId, personKey);
    }

    /// Only minting moves a token: a transfer or a burn reverts.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        if (_ownerOf(tokenId) != address(0)) revert Soulbound(tokenId);
        return super._update(to, tokenId, auth);
    }
}
