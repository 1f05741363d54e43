// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title The delay in front of every administrative change of the deal contracts (OpenZeppelin TimelockController).
/// @notice It holds DataDeals' DEFAULT_ADMIN_ROLE (payees, matchers) and DealPolicy's roles, so a change of the payees,
///         the matcher or the split policy is scheduled in public and takes effect only after `minDelay`. Proposers
///         and executors are the admin key (on a consortium chain: its governance); it administers itself, so its own
///         delay changes go through the same delay.
contract DealTimelock is TimelockController {
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors)
        TimelockController(minDelay, proposers, executors, address(0))
    {}
}
