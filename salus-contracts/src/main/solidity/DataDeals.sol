// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {DealPolicy} from "./DealPolicy.sol";

/// @title Escrow of data deals: data only against payment, payees proven against the committed cohort.
/// @notice Lifecycle, with the deadline `T` (unix seconds):
///         - `postDeal` (consumer, before T): records the terms and a salted commitment to the criteria, refuses a
///           split below the DealPolicy, and pulls price × maxPatients from the consumer. Status Open.
///         - `commitCohort` (MATCHER_ROLE, at most T, once): the Merkle root of the cohort's leaves. No count: nothing
///           exact about the cohort is on chain before payment. Status Committed.
///         - `settle` (MATCHER_ROLE): pays patients in chunks. The first chunk (at most T) records the hashes of the
///           package (plaintext keccak-256) and of its ciphertext; later chunks repeat them and may complete a
///           settlement begun before T until T + COMPLETION_WINDOW. Every payout carries a Merkle proof of its leaf
///           (deal id, pseudonym, patient payee, caregiver payee, providers, weights, and the member's DAO treasury
///           when there is one) against the committed root; a patient payee is paid at most once per deal. The chunk flagged `last`, and only it, carries the package's
///           content key wrapped to the consumer (`KeyReleased`): the key is released in the settlement transaction
///           that closes the deal (Settled), never before.
///         - `refund` (anyone, after T, once): returns the escrow left to the consumer; a deal being settled is
///           refunded only after T + COMPLETION_WINDOW.
///         Settlement arithmetic, per patient, for the price p and the split in basis points: providers, caregiver,
///         treasury and operator parts are p·bps / 10,000 rounded down; the patient gets p minus those four; no
///         caregiver (address 0): the patient gets the caregiver part; no providers: the patient gets the providers'
///         part; the providers' part is divided by weight, the first provider taking the remainder. The treasury part
///         of a payout goes to the payout's own DAO treasury (a patient data DAO's timelock, committed in the leaf)
///         when it names one, which must be registered (`registerDaoTreasury`, DAO_REGISTRAR_ROLE, permanent),
///         otherwise to the default `daoTreasury` payee.
///         Roles (OpenZeppelin AccessControl): DEFAULT_ADMIN_ROLE (payees, granting MATCHER_ROLE) is held by the
///         timelock, so every administrative change waits out its delay; MATCHER_ROLE commits and settles;
///         DAO_REGISTRAR_ROLE (the matcher at deployment) registers the treasuries of the DAOs the node founds.
///         Conservation: the token balance equals `totalEscrow` (plus tokens sent to the contract directly).
contract DataDeals is AccessControl {
    using SafeERC20 for IERC20;

    bytes32 public constant MATCHER_ROLE = keccak256("MATCHER_ROLE");
    bytes32 public constant DAO_REGISTRAR_ROLE = keccak256("DAO_REGISTRAR_ROLE");
    /// @notice 2: payouts carry the member's DAO treasury (version 1, without `VERSION()`, had one treasury payee)
    uint8 public constant VERSION = 2;
    uint256 public constant BPS = 10_000;
    uint64 public constant COMPLETION_WINDOW = 7 days;

    enum Status {
        None,
        Open,
        Committed,
        Settling,
        Settled
    }

    enum Role {
        Patient,
        Provider,
        Caregiver,
        DaoTreasury,
        Operator
    }

    struct Split {
        uint16 patient;
        uint16 providers;
        uint16 caregiver;
        uint16 daoTreasury;
        uint16 operator;
    }

    struct Payout {
        bytes32 pseudonym;
        address patient;
        address caregiver;
        address[] providers;
        uint32[] weights;
        bytes32[] proof;
        address daoTreasury;
    }

    struct Deal {
        address consumer;
        uint64 categories;
        uint8 purpose;
        Status status;
        uint128 pricePerPatient;
        uint64 deadline;
        uint32 maxPatients;
        uint32 paidPatients;
        uint128 escrow;
        uint128 refunded;
        bytes32 criteriaCommitment;
        bytes32 cohortRoot;
        bytes32 packageHash;
        bytes32 ciphertextHash;
        Split split;
    }

    error InvalidPayee();
    error DealExists(bytes32 dealId);
    error UnknownDeal(bytes32 dealId);
    error InvalidTerms();
    error InvalidSplit(uint256 sum);
    error BelowPolicy(bytes32 dealId);
    error WrongStatus(bytes32 dealId, Status status);
    error DeadlinePassed(bytes32 dealId, uint64 deadline);
    error DeadlineNotReached(bytes32 dealId, uint64 deadline);
    error CohortTooLarge(uint256 count, uint256 max);
    error InvalidCohort();
    error PackageMismatch(bytes32 dealId, bytes32 recorded);
    error InvalidPayout(uint256 index);
    error NotInCohort(uint256 index);
    error AlreadyPaid(address payee);
    error KeyReleaseMismatch(bool last);
    error SettlementInProgress(bytes32 dealId);
    error AlreadyRefunded(bytes32 dealId);
    error NothingToRefund(bytes32 dealId);
    error UnregisteredDaoTreasury(uint256 index, address treasury);

    event PayeesChanged(address daoTreasury, address operator);
    event DaoTreasuryRegistered(address indexed treasury, address indexed registrar);
    event DealPosted(
        bytes32 indexed dealId,
        address indexed consumer,
        bytes32 criteriaCommitment,
        uint64 categories,
        uint8 purpose,
        uint128 pricePerPatient,
        uint32 maxPatients,
        uint64 deadline,
        Split split
    );
    event CohortCommitted(bytes32 indexed dealId, bytes32 root);
    event Paid(bytes32 indexed dealId, address indexed payee, Role indexed role, uint256 amount);
    event SettlementRecorded(bytes32 indexed dealId, bytes32 packageHash, uint32 patients, uint32 paidPatients, bool last);
    event KeyReleased(bytes32 indexed dealId, bytes32 ciphertextHash, bytes wrappedKey);
    event Refunded(bytes32 indexed dealId, address indexed consumer, uint256 amount);

    IERC20 public immutable token;
    DealPolicy public immutable policy;
    address public daoTreasury;
    address public operator;
    uint256 public totalEscrow;
    mapping(bytes32 => Deal) private deals;
    mapping(bytes32 => mapping(address => bool)) public isPaid;
    /// @notice The registered DAO treasuries: the only addresses a payout may name as its DAO treasury
    mapping(address => bool) public isDaoTreasury;

    /// @param admin the timelock (DEFAULT_ADMIN_ROLE); @param matcher the node's matcher key (MATCHER_ROLE)
    constructor(IERC20 token_, DealPolicy policy_, address admin, address matcher, address daoTreasury_,
        address operator_) {
        if (admin == address(0) || matcher == address(0)) revert InvalidPayee();
        token = token_;
        policy = policy_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(MATCHER_ROLE, matcher);
        _grantRole(DAO_REGISTRAR_ROLE, matcher);
        _setPayees(daoTreasury_, operator_);
    }

    /// @notice Where the treasury's and the operator's parts of later settlements go. Admin (the timelock) only.
    function setPayees(address daoTreasury_, address operator_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setPayees(daoTreasury_, operator_);
    }

    function _setPayees(address daoTreasury_, address operator_) private {
        if (daoTreasury_ == address(0) || operator_ == address(0)) revert InvalidPayee();
        daoTreasury = daoTreasury_;
        operator = operator_;
        emit PayeesChanged(daoTreasury_, operator_);
    }

    /// @notice Registers a DAO's treasury (its timelock) as a payee that payouts may name; permanent (there is no
    ///         unregistering, so a DAO's share cannot be re-routed later); registering it again changes nothing.
    function registerDaoTreasury(address treasury) external onlyRole(DAO_REGISTRAR_ROLE) {
        if (treasury == address(0)) revert InvalidPayee();
        if (isDaoTreasury[treasury]) return;
        isDaoTreasury[treasury] = true;
        emit DaoTreasuryRegistered(treasury, msg.sender);
    }

    /// @return the deal (status None if there is no such deal)
    function dealOf(bytes32 dealId) external view returns (Deal memory) {
        return deals[dealId];
    }

    /// @return the leaf of a payout in a deal's cohort tree (the double keccak of its packed fields). A payout naming
    ///         a DAO treasury appends its 20 bytes; one without (zero) has the leaf of version 1, which StudyPayouts'
    ///         and FederatedDeals' leaves share. The two forms never collide: their packed lengths differ modulo 64.
    function leafOf(bytes32 dealId, Payout calldata p) public pure returns (bytes32) {
        bytes memory packed = abi.encodePacked(dealId, p.pseudonym, p.patient, p.caregiver,
            uint32(p.providers.length), p.providers, p.weights);
        if (p.daoTreasury != address(0)) packed = bytes.concat(packed, bytes20(p.daoTreasury));
        return keccak256(bytes.concat(keccak256(packed)));
    }

    /// @notice Posts and funds a deal: pulls pricePerPatient × maxPatients from the caller, who becomes its consumer.
    function postDeal(
        bytes32 dealId,
        bytes32 criteriaCommitment,
        uint64 categories,
        uint8 purpose,
        uint128 pricePerPatient,
        uint32 maxPatients,
        uint64 deadline,
        Split calldata split
    ) external {
        if (dealId == bytes32(0) || deals[dealId].status != Status.None) revert DealExists(dealId);
        if (categories == 0 || pricePerPatient == 0 || maxPatients == 0 || deadline <= block.timestamp) {
            revert InvalidTerms();
        }
        uint256 sum = uint256(split.patient) + split.providers + split.caregiver + split.daoTreasury + split.operator;
        if (sum != BPS) revert InvalidSplit(sum);
        if (!policy.meets(split.patient, split.providers, split.caregiver, split.daoTreasury, split.operator)) {
            revert BelowPolicy(dealId);
        }
        uint256 amount = uint256(pricePerPatient) * maxPatients;
        if (amount > type(uint128).max) revert InvalidTerms();
        Deal storage d = deals[dealId];
        d.consumer = msg.sender;
        d.categories = categories;
        d.purpose = purpose;
        d.status = Status.Open;
        d.pricePerPatient = pricePerPatient;
        d.deadline = deadline;
        d.maxPatients = maxPatients;
        d.escrow = uint128(amount);
        d.criteriaCommitment = criteriaCommitment;
        d.split = split;
        totalEscrow += amount;
        emit DealPosted(dealId, msg.sender, criteriaCommitment, categories, purpose, pricePerPatient, maxPatients,
            deadline, split);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Commits the cohort once, before the deadline: the Merkle root of its leaves, and nothing about its size.
    function commitCohort(bytes32 dealId, bytes32 root) external onlyRole(MATCHER_ROLE) {
        Deal storage d = _deal(dealId);
        if (d.status != Status.Open) revert WrongStatus(dealId, d.status);
        if (block.timestamp > d.deadline) revert DeadlinePassed(dealId, d.deadline);
        if (root == bytes32(0)) revert InvalidCohort();
        d.cohortRoot = root;
        d.status = Status.Committed;
        emit CohortCommitted(dealId, root);
    }

    /// @notice Pays a chunk of the cohort, each payout proven against the committed root; `last` closes the deal and
    ///         releases the content key wrapped to the consumer. See the contract's notice.
    function settle(
        bytes32 dealId,
        bytes32 packageHash,
        bytes32 ciphertextHash,
        Payout[] calldata payouts,
        bool last,
        bytes calldata wrappedKey
    ) external onlyRole(MATCHER_ROLE) {
        Deal storage d = _deal(dealId);
        Status status = d.status;
        if (status == Status.Committed) {
            if (block.timestamp > d.deadline) revert DeadlinePassed(dealId, d.deadline);
            if (packageHash == bytes32(0) || ciphertextHash == bytes32(0)) revert InvalidPayout(type(uint256).max);
            d.packageHash = packageHash;
            d.ciphertextHash = ciphertextHash;
        } else if (status != Status.Settling) {
            revert WrongStatus(dealId, status);
        } else if (d.packageHash != packageHash || d.ciphertextHash != ciphertextHash) {
            revert PackageMismatch(dealId, d.packageHash);
        } else if (block.timestamp > uint256(d.deadline) + COMPLETION_WINDOW) {
            revert DeadlinePassed(dealId, d.deadline);
        }
        if (last != (wrappedKey.length != 0)) revert KeyReleaseMismatch(last);
        uint256 paid = uint256(d.paidPatients) + payouts.length;
        if (paid > d.maxPatients) revert CohortTooLarge(paid, d.maxPatients);
        uint256 price = d.pricePerPatient;
        uint256 total = price * payouts.length;
        d.paidPatients = uint32(paid);
        d.escrow -= uint128(total);
        totalEscrow -= total;
        d.status = last ? Status.Settled : Status.Settling;
        emit SettlementRecorded(dealId, packageHash, uint32(payouts.length), uint32(paid), last);
        _payAll(dealId, d.cohortRoot, payouts, price, d.split);
        if (last) emit KeyReleased(dealId, ciphertextHash, wrappedKey);
    }

    /// @dev The treasury parts of consecutive payouts with the same DAO treasury are sent in one transfer (the node
    ///      sends a chunk sorted by DAO); zero is the default `daoTreasury`.
    function _payAll(bytes32 dealId, bytes32 root, Payout[] calldata payouts, uint256 price, Split memory split)
        private
    {
        uint256 daoRun;
        address runTreasury;
        uint256 operatorTotal;
        for (uint256 i; i < payouts.length; ++i) {
            Payout calldata p = payouts[i];
            if (!MerkleProof.verifyCalldata(p.proof, root, leafOf(dealId, p))) revert NotInCohort(i);
            if (p.daoTreasury != address(0) && !isDaoTreasury[p.daoTreasury]) {
                revert UnregisteredDaoTreasury(i, p.daoTreasury);
            }
            if (isPaid[dealId][p.patient]) revert AlreadyPaid(p.patient);
            isPaid[dealId][p.patient] = true;
            if (i != 0 && p.daoTreasury != runTreasury) {
                _transfer(dealId, _treasury(runTreasury), Role.DaoTreasury, daoRun);
                daoRun = 0;
            }
            runTreasury = p.daoTreasury;
            (uint256 dao, uint256 op) = _pay(dealId, p, price, split, i);
            daoRun += dao;
            operatorTotal += op;
        }
        _transfer(dealId, _treasury(runTreasury), Role.DaoTreasury, daoRun);
        _transfer(dealId, operator, Role.Operator, operatorTotal);
    }

    function _treasury(address dao) private view returns (address) {
        return dao == address(0) ? daoTreasury : dao;
    }

    /// @notice After the deadline, returns the escrow left to the consumer (once); a deal whose settlement has begun
    ///         only after the completion window.
    function refund(bytes32 dealId) external {
        Deal storage d = _deal(dealId);
        if (d.refunded != 0) revert AlreadyRefunded(dealId);
        if (block.timestamp <= d.deadline) revert DeadlineNotReached(dealId, d.deadline);
        if (d.status == Status.Settling && block.timestamp <= uint256(d.deadline) + COMPLETION_WINDOW) {
            revert SettlementInProgress(dealId);
        }
        uint256 amount = d.escrow;
        if (amount == 0) revert NothingToRefund(dealId);
        d.escrow = 0;
        d.refunded = uint128(amount);
        totalEscrow -= amount;
        emit Refunded(dealId, d.consumer, amount);
        token.safeTransfer(d.consumer, amount);
    }

    function _deal(bytes32 dealId) private view returns (Deal storage d) {
        d = deals[dealId];
        if (d.status == Status.None) revert UnknownDeal(dealId);
    }

    function _pay(bytes32 dealId, Payout calldata p, uint256 price, Split memory s, uint256 index)
        private
        returns (uint256 dao, uint256 op)
    {
        uint256 n = p.providers.length;
        if (p.patient == address(0) || n != p.weights.length) revert InvalidPayout(index);
        uint256 providersPart = price * s.providers / BPS;
        uint256 caregiverPart = price * s.caregiver / BPS;
        dao = price * s.daoTreasury / BPS;
        op = price * s.operator / BPS;
        uint256 patientPart = price - providersPart - caregiverPart - dao - op;
        if (p.caregiver == address(0)) {
            patientPart += caregiverPart;
            caregiverPart = 0;
        }
        if (n == 0) {
            patientPart += providersPart;
            providersPart = 0;
        }
        _transfer(dealId, p.patient, Role.Patient, patientPart);
        _transfer(dealId, p.caregiver, Role.Caregiver, caregiverPart);
        if (n != 0) _payProviders(dealId, p, providersPart, index);
    }

    function _payProviders(bytes32 dealId, Payout calldata p, uint256 part, uint256 index) private {
        uint256 n = p.providers.length;
        uint256 totalWeight;
        for (uint256 j; j < n; ++j) {
            if (p.weights[j] == 0 || p.providers[j] == address(0)) revert InvalidPayout(index);
            totalWeight += p.weights[j];
        }
        uint256 rest = part;
        for (uint256 j = 1; j < n; ++j) {
            rest -= part * p.weights[j] / totalWeight;
        }
        _transfer(dealId, p.providers[0], Role.Provider, rest);
        for (uint256 j = 1; j < n; ++j) {
            _transfer(dealId, p.providers[j], Role.Provider, part * p.weights[j] / totalWeight);
        }
    }

    function _transfer(bytes32 dealId, address to, Role role, uint256 amount) private {
        if (amount == 0) return;
        emit Paid(dealId, to, role, amount);
        token.safeTransfer(to, amount);
    }
}
