// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";

/// @title Quadratic vote counting for an OpenZeppelin Governor, with voting credits per period.
/// @notice A voter's weight (`_getVotes`) is its voting credits for the period of the proposal's snapshot
///         (`snapshot / periodLength`). Casting v votes costs v² credits, spent from that period's budget: credits are
///         shared by every proposal whose snapshot falls in the period, and a vote whose cost exceeds what is left
///         reverts (`QuadraticCreditsExceeded`). The params of `castVoteWithReasonAndParams` are `abi.encode(v)`;
///         without params a vote is one vote. Each address votes once per proposal; support follows Governor Bravo
///         (0 against, 1 for, 2 abstain); quorum counts for and abstain votes, and for must exceed against.
///         Splitting credits across addresses only helps someone who holds several voting identities: the DAO's
///         membership gives one per person.
abstract contract GovernorQuadraticCounting is Governor {
    struct Tally {
        uint256 against;
        uint256 forVotes;
        uint256 abstain;
        mapping(address voter => bool) voted;
    }

    uint256 public immutable periodLength;
    mapping(uint256 proposalId => Tally) private tallies;
    mapping(address voter => mapping(uint256 period => uint256)) public creditsSpent;

    error QuadraticCreditsExceeded(address voter, uint256 cost, uint256 remaining);
    error QuadraticZeroVotes();
    error QuadraticInvalidSupport(uint8 support);

    constructor(uint256 periodLength_) {
        periodLength = periodLength_ == 0 ? 1 : periodLength_;
    }

    // solhint-disable-next-line func-name-mixedcase
    function COUNTING_MODE() public pure virtual override returns (string memory) {
        return "support=bravo&quorum=for,abstain&params=quadratic";
    }

    function hasVoted(uint256 proposalId, address account) public view virtual override returns (bool) {
        return tallies[proposalId].voted[account];
    }

    function proposalVotes(uint256 proposalId)
        public
        view
        virtual
        returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes)
    {
        Tally storage t = tallies[proposalId];
        return (t.against, t.forVotes, t.abstain);
    }

    /// @return the period a timepoint falls in
    function periodOf(uint256 timepoint) public view returns (uint256) {
        return timepoint / periodLength;
    }

    /// @return the credits `voter` has left for the period of `proposalId`'s snapshot
    function creditsLeft(uint256 proposalId, address voter) external view returns (uint256) {
        uint256 snapshot = proposalSnapshot(proposalId);
        uint256 budget = _getVotes(voter, snapshot, "");
        uint256 spent = creditsSpent[voter][periodOf(snapshot)];
        return budget > spent ? budget - spent : 0;
    }

    function _quorumReached(uint256 proposalId) internal view virtual override returns (bool) {
        Tally storage t = tallies[proposalId];
        return quorum(proposalSnapshot(proposalId)) <= t.forVotes + t.abstain;
    }

    function _voteSucceeded(uint256 proposalId) internal view virtual override returns (bool) {
        Tally storage t = tallies[proposalId];
        return t.forVotes > t.against;
    }

    /// @dev `totalWeight` is the voter's credits for the period; returns the votes counted.
    function _countVote(uint256 proposalId, address account, uint8 support, uint256 totalWeight, bytes memory params)
        internal
        virtual
        override
        returns (uint256)
    {
        Tally storage t = tallies[proposalId];
        if (t.voted[account]) revert GovernorAlreadyCastVote(account);
        uint256 votes = params.length == 0 ? 1 : abi.decode(params, (uint256));
        if (votes == 0) revert QuadraticZeroVotes();
        if (votes > type(uint128).max) revert QuadraticCreditsExceeded(account, type(uint256).max, 0);
        uint256 cost = votes * votes;
        uint256 period = periodOf(proposalSnapshot(proposalId));
        uint256 spent = creditsSpent[account][period];
        uint256 remaining = totalWeight > spent ? totalWeight - spent : 0;
        if (cost > remaining) revert QuadraticCreditsExceeded(account, cost, remaining);
        creditsSpent[account][period] = spent + cost;
        t.voted[account] = true;
        if (support == 0) {
            t.against += votes;
        } else if (support == 1) {
            t.forVotes += votes;
        } else if (support == 2) {
            t.abstain += votes;
        } else {
            revert QuadraticInvalidSupport(support);
        }
        return votes;
    }
}
