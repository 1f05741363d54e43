// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {GovernorQuadraticCounting} from "./GovernorQuadraticCounting.sol";
import {DaoMembership} from "./DaoMembership.sol";
import {DaoPolicy} from "./DaoPolicy.sol";

/// @title The governor of a patient data DAO: members vote quadratically; the timelock executes and is the treasury.
/// @notice Voting power: every member at a proposal's snapshot (DaoMembership: one per person, soulbound, no
///         delegation) has `creditsPerPeriod` voting credits per period; v votes cost v². The clock is the block's
///         timestamp. Only members propose, and only marketplace policy: calls of DaoPolicy's setters and
///         `approveDeal`, and grants from the treasury (`transfer` of the payment token), with no ether. Passed
///         proposals are queued in the timelock, which holds the treasury and owns DaoPolicy.
contract DaoGovernor is GovernorQuadraticCounting, GovernorTimelockControl {
    DaoMembership public immutable membership;
    DaoPolicy public immutable policy;
    IERC20 public immutable token;
    uint256 public immutable creditsPerPeriod;
    uint256 private immutable quorumVotes;
    uint48 private immutable delay;
    uint32 private immutable period;

    error NotAMember(address account);
    error ProposalOutsidePolicy(uint256 index);

    struct Settings {
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 quorumVotes;
        uint256 creditsPerPeriod;
        uint256 creditPeriodLength;
    }

    constructor(string memory name_, DaoMembership membership_, DaoPolicy policy_, IERC20 token_,
        TimelockController timelock_, Settings memory s)
        Governor(name_)
        GovernorQuadraticCounting(s.creditPeriodLength)
        GovernorTimelockControl(timelock_)
    {
        membership = membership_;
        policy = policy_;
        token = token_;
        creditsPerPeriod = s.creditsPerPeriod;
        quorumVotes = s.quorumVotes;
        delay = s.votingDelay;
        period = s.votingPeriod;
    }

    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function votingDelay() public view override returns (uint256) {
        return delay;
    }

    function votingPeriod() public view override returns (uint256) {
        return period;
    }

    function quorum(uint256) public view override returns (uint256) {
        return quorumVotes;
    }

    /// @notice Members only; every action must be a DaoPolicy change or a treasury grant in the payment token.
    function propose(address[] memory targets, uint256[] memory values, bytes[] memory calldatas,
        string memory description) public override returns (uint256)
    {
        if (!membership.isMember(_msgSender())) revert NotAMember(_msgSender());
        for (uint256 i; i < targets.length && i < calldatas.length && i < values.length; ++i) {
            if (values[i] != 0 || !_allowed(targets[i], calldatas[i])) revert ProposalOutsidePolicy(i);
        }
        return super.propose(targets, values, calldatas, description);
    }

    function _allowed(address target, bytes memory data) private view returns (bool) {
        if (data.length < 4) return false;
        bytes4 selector = bytes4(data);
        if (target == address(token)) return selector == IERC20.transfer.selector;
        if (target != address(policy)) return false;
        return selector == DaoPolicy.setFloorPrice.selector || selector == DaoPolicy.setConsumerTypes.selector
            || selector == DaoPolicy.setPurposes.selector || selector == DaoPolicy.setMaxEpsilon.selector
            || selector == DaoPolicy.setShare.selector || selector == DaoPolicy.approveDeal.selector;
    }

    /// @dev A member's credits for the period of `timepoint` if it was a member then, else nothing.
    function _getVotes(address account, uint256 timepoint, bytes memory) internal view override returns (uint256) {
        return membership.wasMemberAt(account, timepoint) ? creditsPerPeriod : 0;
    }

    function _countVote(uint256 proposalId, address account, uint8 support, uint256 totalWeight, bytes memory params)
        internal
        override(Governor, GovernorQuadraticCounting)
        returns (uint256)
    {
        if (totalWeight == 0) revert NotAMember(account);
        return super._countVote(proposalId, account, support, totalWeight, params);
    }

    // The overrides Solidity requires of the two bases.

    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl)
        returns (ProposalState)
    {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(uint256 proposalId) public view override(Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _queueOperations(uint256 proposalId, address[] memory targets, uint256[] memory values,
        bytes[] memory calldatas, bytes32 descriptionHash) internal override(Governor, GovernorTimelockControl)
        returns (uint48)
    {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(uint256 proposalId, address[] memory targets, uint256[] memory values,
        bytes[] memory calldatas, bytes32 descriptionHash) internal override(Governor, GovernorTimelockControl)
    {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(address[] memory targets, uint256[] memory values, bytes[] memory calldatas,
        bytes32 descriptionHash) internal override(Governor, GovernorTimelockControl) returns (uint256)
    {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
