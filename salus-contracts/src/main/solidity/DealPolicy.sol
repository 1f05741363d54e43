// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title The split policy of data deals: the least each role must get of every patient's price, in basis points.
/// @notice A consumer chooses a deal's split, but DataDeals refuses a deal whose split gives the patient, the authoring
///         providers, a caregiver or the patient-DAO treasury less than these minimums, or the node operator more than
///         its maximum. The policy admin (POLICY_ADMIN_ROLE, held by the timelock: changes are announced a delay
///         ahead) sets them; the relayer and the matcher hold no role here.
contract DealPolicy is AccessControl {
    bytes32 public constant POLICY_ADMIN_ROLE = keccak256("POLICY_ADMIN_ROLE");
    uint256 public constant BPS = 10_000;

    struct Terms {
        uint16 minPatient;
        uint16 minProviders;
        uint16 minCaregiver;
        uint16 minDaoTreasury;
        uint16 maxOperator;
    }

    error InvalidPolicy();

    event PolicyChanged(uint16 minPatient, uint16 minProviders, uint16 minCaregiver, uint16 minDaoTreasury,
        uint16 maxOperator);

    Terms private terms;

    /// @param admin the timelock: holds DEFAULT_ADMIN_ROLE and POLICY_ADMIN_ROLE
    constructor(address admin, Terms memory initial) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(POLICY_ADMIN_ROLE, admin);
        _set(initial);
    }

    function current() external view returns (Terms memory) {
        return terms;
    }

    function setTerms(Terms calldata t) external onlyRole(POLICY_ADMIN_ROLE) {
        _set(t);
    }

    /// @return whether a split in basis points (summing to 10,000) meets the policy
    function meets(uint16 patient, uint16 providers, uint16 caregiver, uint16 daoTreasury, uint16 operator)
        external
        view
        returns (bool)
    {
        Terms memory t = terms;
        return patient >= t.minPatient && providers >= t.minProviders && caregiver >= t.minCaregiver
            && daoTreasury >= t.minDaoTreasury && operator <= t.maxOperator;
    }

    function _set(Terms memory t) private {
        uint256 floor = uint256(t.minPatient) + t.minProviders + t.minCaregiver + t.minDaoTreasury;
        if (t.minPatient == 0 || floor > BPS || t.maxOperator > BPS) revert InvalidPolicy();
        terms = t;
        emit PolicyChanged(t.minPatient, t.minProviders, t.minCaregiver, t.minDaoTreasury, t.maxOperator);
    }
}
