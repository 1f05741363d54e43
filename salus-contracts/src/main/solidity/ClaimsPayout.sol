// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @notice The kind of an account as IdentityRegistry records it.
interface IClaimsIdentity {
    function kindOf(address account) external view returns (uint8);
}

/// @title Payouts of adjudicated insurance claims in the payment token (docs/care.md, decision 0027).
/// @notice - `fund` (an insurer): pulls tokens from the insurer into its own balance here; only that balance ever pays
///           the insurer's claims.
///         - `record` (ADJUDICATOR_ROLE, the node, once per claim id): anchors the claim's salted digest (never health
///           data) with the insurer, the payee and the approved amount (0 for a refused claim). A claim with an
///           approved amount must name a payee IdentityRegistry knows as a provider (physician, pharmacy, hospital).
///         - `pay` (ADJUDICATOR_ROLE): pays the recorded amount, and only it, to the recorded payee, and only once per
///           claim id, from the insurer's balance and never beyond it.
///         Conservation: the token balance equals `totalFunds` (plus tokens sent to the contract directly).
contract ClaimsPayout is AccessControl {
    using SafeERC20 for IERC20;

    bytes32 public constant ADJUDICATOR_ROLE = keccak256("ADJUDICATOR_ROLE");

    struct Claim {
        address insurer;
        address payee;
        uint128 approved;
        bool paid;
        bytes32 digest;
    }

    error ZeroAmount();
    error ZeroDigest();
    error ClaimExists(bytes32 claimId);
    error UnknownClaim(bytes32 claimId);
    error NothingApproved(bytes32 claimId);
    error AlreadyPaid(bytes32 claimId);
    error NotAProvider(address payee);
    error InsufficientFunds(address insurer, uint256 available, uint256 needed);

    event Funded(address indexed insurer, uint256 amount);
    event ClaimRecorded(bytes32 indexed claimId, bytes32 digest, address indexed insurer, uint256 approved);
    event ClaimPaid(bytes32 indexed claimId, address indexed payee, uint256 amount);

    IERC20 public immutable token;
    IClaimsIdentity public immutable identity;
    mapping(address => uint256) public fundsOf;
    uint256 public totalFunds;
    mapping(bytes32 => Claim) private claims;

    constructor(IERC20 token_, IClaimsIdentity identity_, address adjudicator) {
        token = token_;
        identity = identity_;
        _grantRole(DEFAULT_ADMIN_ROLE, msg.sender);
        _grantRole(ADJUDICATOR_ROLE, adjudicator);
    }

    /// @notice Moves `amount` of the caller's tokens (approved to this contract first) into the caller's balance.
    function fund(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        fundsOf[msg.sender] += amount;
        totalFunds += amount;
        token.safeTransferFrom(msg.sender, address(this), amount);
        emit Funded(msg.sender, amount);
    }

    /// @notice Anchors an adjudicated claim: its salted digest, insurer, payee and approved amount. Once per claim id.
    function record(bytes32 claimId, bytes32 digest, address insurer, address payee, uint128 approved)
        external
        onlyRole(ADJUDICATOR_ROLE)
    {
        if (digest == bytes32(0)) revert ZeroDigest();
        if (claims[claimId].digest != bytes32(0)) revert ClaimExists(claimId);
        if (approved > 0) {
            uint8 kind = identity.kindOf(payee);
            if (kind < 2 || kind > 4) revert NotAProvider(payee);
        }
        claims[claimId] = Claim(insurer, payee, approved, false, digest);
        emit ClaimRecorded(claimId, digest, insurer, approved);
    }

    /// @notice Pays an approved claim's recorded amount to its recorded payee from its insurer's balance. Once.
    function pay(bytes32 claimId) external onlyRole(ADJUDICATOR_ROLE) {
        Claim storage c = claims[claimId];
        if (c.digest == bytes32(0)) revert UnknownClaim(claimId);
        if (c.approved == 0) revert NothingApproved(claimId);
        if (c.paid) revert AlreadyPaid(claimId);
        uint256 available = fundsOf[c.insurer];
        if (available < c.approved) revert InsufficientFunds(c.insurer, available, c.approved);
        c.paid = true;
        fundsOf[c.insurer] = available - c.approved;
        totalFunds -= c.approved;
        token.safeTransfer(c.payee, c.approved);
        emit ClaimPaid(claimId, c.payee, c.approved);
    }

    /// @return insurer, payee, approved amount, paid, digest of a claim (all zero when unknown)
    function claimOf(bytes32 claimId) external view returns (address, address, uint128, bool, bytes32) {
        Claim storage c = claims[claimId];
        return (c.insurer, c.payee, c.approved, c.paid, c.digest);
    }
}
