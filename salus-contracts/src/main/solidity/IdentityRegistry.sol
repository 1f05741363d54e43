// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title Who is who in the Salus bank: the kind of each account (patient, physician, ...).
/// @notice Registrars (the node's relayer) record an account's kind once. Re-registering the same kind is a no-op;
///         a different kind for a known account is refused. Kind 0 means "unknown". The registrar that recorded an
///         account is kept with its kind (one storage slot): in an alliance it is the account's home node
///         ({NodeRegistry} knows members by their relayer).
contract IdentityRegistry is Ownable {
    error NotRegistrar(address caller);
    error InvalidKind();
    error InvalidAccount();
    error KindConflict(address account, uint8 registered, uint8 requested);

    event RegistrarChanged(address indexed registrar, bool enabled);
    event AccountRegistered(address indexed account, uint8 kind);

    mapping(address => bool) public isRegistrar;
    struct Entry {
        uint8 kind;
        address registrar;
    }

    mapping(address => Entry) private kinds;

    constructor() Ownable(msg.sender) {
        isRegistrar[msg.sender] = true;
        emit RegistrarChanged(msg.sender, true);
    }

    function setRegistrar(address registrar, bool enabled) external onlyOwner {
        if (isRegistrar[registrar] == enabled) return;
        isRegistrar[registrar] = enabled;
        emit RegistrarChanged(registrar, enabled);
    }

    /// @notice Records the kind of an account. Idempotent for the same kind.
    function register(address account, uint8 kind) external {
        if (!isRegistrar[msg.sender]) revert NotRegistrar(msg.sender);
        if (kind == 0) revert InvalidKind();
        if (account == address(0)) revert InvalidAccount();
        uint8 registered = kinds[account].kind;
        if (registered == kind) return;
        if (registered != 0) revert KindConflict(account, registered, kind);
        kinds[account] = Entry(kind, msg.sender);
        emit AccountRegistered(account, kind);
    }

    /// @return the kind of the account, 0 when unknown
    function kindOf(address account) external view returns (uint8) {
        return kinds[account].kind;
    }

    /// @return the registrar (a node's relayer) that registered the account, the zero address when unknown
    function registrarOf(address account) external view returns (address) {
        return kinds[account].registrar;
    }

    /// A batch's account that was not registered: the zero address, kind 0, or already another kind.
    event RegistrationRefused(address indexed account, uint8 registered, uint8 requested);

    error BatchLengthMismatch(uint256 accounts, uint256 kinds);

    /// @notice Records the kinds of many accounts in one transaction, account by account: a new account is registered
    ///         ({AccountRegistered}); one already registered with that kind is left as it is (nothing emitted), so a
    ///         repeated batch is harmless; one that cannot be registered is skipped with {RegistrationRefused} and the
    ///         others still go through. Only a registrar may call it.
    function registerBatch(address[] calldata accounts, uint8[] calldata requested) external {
        if (!isRegistrar[msg.sender]) revert NotRegistrar(msg.sender);
        if (accounts.length != requested.length) revert BatchLengthMismatch(accounts.length, requested.length);
        for (uint256 i; i < accounts.length; ++i) {
            address account = accounts[i];
            uint8 kind = requested[i];
            uint8 registered = kinds[account].kind;
            if (registered == kind && kind != 0) continue;
            if (kind == 0 || account == address(0) || registered != 0) {
                emit RegistrationRefused(account, registered, kind);
                continue;
            }
            kinds[account] = Entry(kind, msg.sender);
            emit AccountRegistered(account, kind);
        }
    }
}
