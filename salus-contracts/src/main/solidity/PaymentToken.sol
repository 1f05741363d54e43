// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title The stable-value unit data deals are paid in: an ERC-20 with 6 decimals (1 token = 1,000,000 units).
/// @notice The owner (the node operator) mints; there is no other issuance. On a production chain the token would be
///         a bridged stablecoin; this one serves the local chain, the demo and the tests.
contract PaymentToken is ERC20, Ownable {
    constructor() ERC20("Salus Payment Token", "SPT") Ownable(msg.sender) {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Creates `amount` units for `to`. Owner only.
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
