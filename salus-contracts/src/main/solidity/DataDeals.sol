// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title Escrow of data deals: a consumer funds a deal, the node commits the cohort, delivers and settles.
/// @notice Lifecycle, with the deadline `T` (unix seconds):
///         - `postDeal` (consumer, before T): records the terms and pulls price × maxPatients from the consumer
///           (`transferFrom`, so the consumer approves this contract first). Status Open.
///         - `commitCohort` (a matcher, at most T, once): the Merkle root of the cohort's pseudonymous ids and its
///           size (1..maxPatients). Status Committed.
///         - `settle` (a matcher, at most T): pays the patients in one or more chunks; the first chunk records the
///           delivered package's hash, which later chunks must repeat; the chunk flagged `last` closes the deal
///           (Settled): it can never be settled again. At most `cohortSize` patients are paid in total.
///         - `refund` (anyone, after T, once): returns whatever escrow is left to the consumer, whatever the status.
///         Settlement arithmetic, per patient, for the price p and the deal's split in basis points (sum 10,000):
///         providers = p·bps.providers / 10,000, caregiver = p·bps.caregiver / 10,000, dao = p·bps.daoTreasury /
///         10,000, operator = p·bps.operator / 10,000 (each rounded down), patient = p − the four others (so the
///         patient gets its own share plus the rounding remainder, and the parts sum to p exactly). A patient without
///         a caregiver (address 0) gets the caregiver part; a patient without providers gets the providers' part.
///         The providers' part is divided by weight (equal weights: equal shares): provider j ≥ 1 gets
///         part·w_j / Σw rounded down, the first provider gets the rest (its share plus the remainder).
///         The treasury's and the operator's parts are summed per call and paid once per call.
///         Conservation: the contract's token balance equals `totalEscrow`, the sum of every deal's `escrow` (unless
///         someone transfers tokens to the contract directly, which only adds to the balance).
contract DataDeals is Ownable {
    using SafeERC20 for IERC20;

    uint256 public constant BPS = 10_000;

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
        address patient;
        address caregiver;
        address[] providers;
        uint32[] weights;
    }

    struct Deal {
        address consumer;
        uint64 categories;
        uint8 purpose;
        Status status;
        uint128 pricePerPatient;
        uint64 deadline;
        uint32 maxPatients;
        uint32 cohortSize;
        uint128 escrow;
        uint128 refunded;
        uint32 paidPatients;
        bytes32 criteriaHash;
        bytes32 cohortRoot;
        bytes32 packageHash;
        Split split;
    }

    error NotMatcher(address caller);
    error InvalidPayee();
    error DealExists(bytes32 dealId);
    error UnknownDeal(bytes32 dealId);
    error InvalidTerms();
    error InvalidSplit(uint256 sum);
    error WrongStatus(bytes32 dealId, Status status);
    error DeadlinePassed(bytes32 dealId, uint64 deadline);
    error DeadlineNotReached(bytes32 dealId, uint64 deadline);
    error CohortTooLarge(uint256 count, uint256 max);
    error InvalidCohort();
    error PackageMismatch(bytes32 dealId, bytes32 recorded);
    error InvalidPayout(uint256 index);
    error AlreadyRefunded(bytes32 dealId);
    error NothingToRefund(bytes32 dealId);

    event MatcherChanged(address indexed matcher, bool enabled);
    event PayeesChanged(address daoTreasury, address operator);
    event DealPosted(
        bytes32 indexed dealId,
        address indexed consumer,
        bytes32 criteriaHash,
        uint64 categories,
        uint8 purpose,
        uint128 pricePerPatient,
        uint32 maxPatients,
        uint64 deadline
    );
    event CohortCommitted(bytes32 indexed dealId, bytes32 root, uint32 patientCount);
    event Paid(bytes32 indexed dealId, address indexed payee, Role indexed role, uint256 amount);
    event SettlementRecorded(bytes32 indexed dealId, bytes32 packageHash, uint32 patients, uint32 paidPatients, bool last);
    event Refunded(bytes32 indexed dealId, address indexed consumer, uint256 amount);

    IERC20 public immutable token;
    address public daoTreasury;
    address public operator;
    uint256 public totalEscrow;
    mapping(address => bool) public isMatcher;
    mapping(bytes32 => Deal) private deals;

    constructor(IERC20 token_, address daoTreasury_, address operator_) Ownable(msg.sender) {
        token = token_;
        _setPayees(daoTreasury_, operator_);
        isMatcher[msg.sender] = true;
        emit MatcherChanged(msg.sender, true);
    }

    modifier onlyMatcher() {
        if (!isMatcher[msg.sender]) revert NotMatcher(msg.sender);
        _;
    }

    function setMatcher(address matcher, bool enabled) external onlyOwner {
        isMatcher[matcher] = enabled;
        emit MatcherChanged(matcher, enabled);
    }

    /// @notice Where the treasury's and the operator's parts of later settlements go.
    function setPayees(address daoTreasury_, address operator_) external onlyOwner {
        _setPayees(daoTreasury_, operator_);
    }

    function _setPayees(address daoTreasury_, address operator_) private {
        if (daoTreasury_ == address(0) || operator_ == address(0)) revert InvalidPayee();
        daoTreasury = daoTreasury_;
        operator = operator_;
        emit PayeesChanged(daoTreasury_, operator_);
    }

    /// @return the deal (status None if there is no such deal)
    function dealOf(bytes32 dealId) external view returns (Deal memory) {
        return deals[dealId];
    }

    /// @notice Posts and funds a deal: pulls pricePerPatient × maxPatients from the caller, who becomes its consumer.
    function postDeal(
        bytes32 dealId,
        bytes32 criteriaHash,
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
        d.criteriaHash = criteriaHash;
        d.split = split;
        totalEscrow += amount;
        emit DealPosted(dealId, msg.sender, criteriaHash, categories, purpose, pricePerPatient, maxPatients, deadline);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Commits the cohort once, before the deadline: the Merkle root of its ids and its size.
    function commitCohort(bytes32 dealId, bytes32 root, uint32 patientCount) external onlyMatcher {
        Deal storage d = _deal(dealId);
        if (d.status != Status.Open) revert WrongStatus(dealId, d.status);
        if (block.timestamp > d.deadline) revert DeadlinePassed(dealId, d.deadline);
        if (root == bytes32(0) || patientCount == 0) revert InvalidCohort();
        if (patientCount > d.maxPatients) revert CohortTooLarge(patientCount, d.maxPatients);
        d.cohortRoot = root;
        d.cohortSize = patientCount;
        d.status = Status.Committed;
        emit CohortCommitted(dealId, root, patientCount);
    }

    /// @notice Pays a chunk of the cohort; `last` closes the deal. See the contract's notice for the arithmetic.
    function settle(bytes32 dealId, bytes32 packageHash, Payout[] calldata payouts, bool last) external onlyMatcher {
        Deal storage d = _deal(dealId);
        Status status = d.status;
        if (status == Status.Committed) {
            if (packageHash == bytes32(0)) revert InvalidPayout(type(uint256).max);
            d.packageHash = packageHash;
        } else if (status != Status.Settling) {
            revert WrongStatus(dealId, status);
        } else if (d.packageHash != packageHash) {
            revert PackageMismatch(dealId, d.packageHash);
        }
        if (block.timestamp > d.deadline) revert DeadlinePassed(dealId, d.deadline);
        uint256 paid = uint256(d.paidPatients) + payouts.length;
        if (paid > d.cohortSize) revert CohortTooLarge(paid, d.cohortSize);
        uint256 price = d.pricePerPatient;
        uint256 total = price * payouts.length;
        d.paidPatients = uint32(paid);
        d.escrow -= uint128(total);
        totalEscrow -= total;
        d.status = last ? Status.Settled : Status.Settling;
        emit SettlementRecorded(dealId, packageHash, uint32(payouts.length), uint32(paid), last);
        _payAll(dealId, payouts, price, d.split);
    }

    function _payAll(bytes32 dealId, Payout[] calldata payouts, uint256 price, Split memory split) private {
        uint256 daoTotal;
        uint256 operatorTotal;
        for (uint256 i; i < payouts.length; ++i) {
            (uint256 dao, uint256 op) = _pay(dealId, payouts[i], price, split, i);
            daoTotal += dao;
            operatorTotal += op;
        }
        _transfer(dealId, daoTreasury, Role.DaoTreasury, daoTotal);
        _transfer(dealId, operator, Role.Operator, operatorTotal);
    }

    /// @notice After the deadline, returns the escrow left to the consumer (once).
    function refund(bytes32 dealId) external {
        Deal storage d = _deal(dealId);
        if (d.refunded != 0) revert AlreadyRefunded(dealId);
        if (block.timestamp <= d.deadline) revert DeadlineNotReached(dealId, d.deadline);
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
