// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title A patient data DAO's terms for its members' data in the marketplace, set only by the DAO's governance.
/// @notice The owner is the DAO's timelock (its treasury): every change is a passed proposal, executed after the delay.
///         The node's matcher reads `admits` when it matches a deal: a deal the DAO does not admit does not match the
///         DAO's members (a change applies to deals matched after it: the matcher reads the terms at match time).
///         A deal is admitted when its price per patient is at least the floor, the treasury's part of its split is at
///         least the DAO's share, the ε of the match is at most the maximum, and either the DAO approved the deal by
///         id or the consumer holds an allowed consumer type and the purpose is allowed. Masks use the bits of the
///         node's AttestationType and Purpose enums; ε is in thousandths.
contract DaoPolicy is Ownable {
    uint256 public constant BPS = 10_000;

    struct Terms {
        uint128 floorPrice;
        uint64 consumerTypes;
        uint64 purposes;
        uint32 maxEpsilonMilli;
        uint16 shareBps;
    }

    Terms private terms;
    uint64 public version;
    mapping(bytes32 dealId => bool) public approvedDeal;

    error InvalidTerms();

    event TermsChanged(uint64 indexed version, uint128 floorPrice, uint64 consumerTypes, uint64 purposes,
        uint32 maxEpsilonMilli, uint16 shareBps);
    event DealApproved(bytes32 indexed dealId, bool approved);

    constructor(address timelock, Terms memory initial) Ownable(timelock) {
        _set(initial);
    }

    function current() external view returns (Terms memory) {
        return terms;
    }

    function setFloorPrice(uint128 floorPrice) external onlyOwner {
        Terms memory t = terms;
        t.floorPrice = floorPrice;
        _set(t);
    }

    function setConsumerTypes(uint64 mask) external onlyOwner {
        Terms memory t = terms;
        t.consumerTypes = mask;
        _set(t);
    }

    function setPurposes(uint64 mask) external onlyOwner {
        Terms memory t = terms;
        t.purposes = mask;
        _set(t);
    }

    function setMaxEpsilon(uint32 maxEpsilonMilli) external onlyOwner {
        Terms memory t = terms;
        t.maxEpsilonMilli = maxEpsilonMilli;
        _set(t);
    }

    function setShare(uint16 shareBps) external onlyOwner {
        Terms memory t = terms;
        t.shareBps = shareBps;
        _set(t);
    }

    function approveDeal(bytes32 dealId, bool approved) external onlyOwner {
        approvedDeal[dealId] = approved;
        emit DealApproved(dealId, approved);
    }

    /// @return whether a deal with these terms may match the DAO's members
    /// @param consumerTypes the consumer's attested types (a mask); @param purposeBit the deal's purpose (a bit index)
    function admits(bytes32 dealId, uint256 pricePerPatient, uint16 treasuryBps, uint32 epsilonMilli,
        uint64 consumerTypes, uint8 purposeBit) external view returns (bool)
    {
        Terms memory t = terms;
        if (pricePerPatient < t.floorPrice || treasuryBps < t.shareBps || epsilonMilli > t.maxEpsilonMilli) {
            return false;
        }
        if (approvedDeal[dealId]) return true;
        return consumerTypes & t.consumerTypes != 0 && purposeBit < 64 && (t.purposes >> purposeBit) & 1 == 1;
    }

    function _set(Terms memory t) private {
        if (t.shareBps > BPS || t.maxEpsilonMilli == 0) revert InvalidTerms();
        terms = t;
        emit TermsChanged(++version, t.floorPrice, t.consumerTypes, t.purposes, t.maxEpsilonMilli, t.shareBps);
    }
}
