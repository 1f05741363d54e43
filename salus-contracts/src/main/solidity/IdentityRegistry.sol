// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {SignedRelay} from "./SignedRelay.sol";

/// @title Who is who in the Salus bank: the kind of each account (patient, physician, ...).
/// @notice Registrars (the node's relayer) record an account's kind once. Re-registering the same kind is a no-op;
///         a different kind for a known account is refused. Kind 0 means "unknown". The registrar that recorded an
///         account is kept with its kind (one storage slot): in an alliance it is the account's home node
///         ({NodeRegistry} knows members by their relayer). An account's home changes only by the account's own
///         EIP-712 signature ({moveHomeBySig}: a patient moving their bank), to a node that is a registrar now (an
///         admitted member; removal disables it).
contract IdentityRegistry is Ownable, SignedRelay {
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

    /// A home move the account signed: from its home now to another registrar, with the account's nonce and a deadline.
    struct Move {
        address account;
        address from;
        address to;
        uint256 nonce;
        uint256 deadline;
    }

    bytes32 public constant MOVE_TYPEHASH =
        keccak256("Move(address account,address from,address to,uint256 nonce,uint256 deadline)");

    error NotTheHome(address account, address home, address claimed);
    error NotARegistrar(address node);
    error InvalidMove();

    event HomeMoved(address indexed account, address indexed from, address indexed to);

    /// @notice The home an account moved away from last (the zero address when it never moved).
    mapping(address => address) public movedFrom;

    constructor() Ownable(msg.sender) SignedRelay("Salus Identity", "1") {
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

    /// @notice Moves an account's home to another node, on the account's own signature (relayed by anyone). The
    ///         account must be registered with home {Move.from}; {Move.to} must be a registrar now (an active member
    ///         of the alliance: admission enables its relayer, removal disables it). A replay fails on the nonce.
    function moveHomeBySig(Move calldata m, bytes calldata signature) external {
        if (m.account == address(0) || m.to == address(0) || m.to == m.from) revert InvalidMove();
        address home = kinds[m.account].registrar;
        if (home == address(0) || home != m.from) revert NotTheHome(m.account, home, m.from);
        if (!isRegistrar[m.to]) revert NotARegistrar(m.to);
        _verify(keccak256(abi.encode(MOVE_TYPEHASH, m)), m.account, m.nonce, m.deadline, signature);
        kinds[m.account].registrar = m.to;
        movedFrom[m.account] = m.from;
        emit HomeMoved(m.account, m.from, m.to);
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
