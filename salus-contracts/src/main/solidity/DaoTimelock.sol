// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title A patient data DAO's timelock and treasury (OpenZeppelin TimelockController).
/// @notice Passed proposals wait `minDelay` here before they run; it owns the DAO's policy and holds the DAO's share
///         of every deal. Anyone executes a ready operation. `founder` (the node deploying the DAO) holds the admin
///         role only long enough to make the governor proposer and canceller, then renounces it: from then on the
///         timelock administers itself, through the governor.
contract DaoTimelock is TimelockController {
    constructor(uint256 minDelay, address founder)
        TimelockController(minDelay, new address[](0), _anyone(), founder)
    {}

    function _anyone() private pure returns (address[] memory executors) {
        executors = new address[](1);
        executors[0] = address(0);
    }
}
