// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {DealPolicy} from "./DealPolicy.sol";
import {NodeRegistry} from "./NodeRegistry.sol";

/// @title One escrow for a deal answered by several alliance members, each committing and settling its own part.
/// @notice Decision 0035. The consumer posts and funds the deal once (`postDeal`, as in DataDeals: terms, salted
///         criteria commitment, a split at or above the DealPolicy, price × maxPatients pulled). Each member node,
///         known by its relayer address and active in the NodeRegistry, then:
///         - `commitPart` (once per member, at most T): the Merkle root of its own sub-cohort and its allotment (a
///           cap the consumer's home node assigned, not a count); the allotments of a deal never exceed maxPatients,
///           so the escrow cannot be over-spent.
///         - `settlePart`: pays its own patients in chunks, each payout proven against its own part's root (the same
///           leaf as DataDeals), at most its allotment, a patient payee at most once per deal; the first chunk (at
///           most T) records the part's package hashes, later ones repeat them until T + COMPLETION_WINDOW; the chunk
///           flagged `last`, and only it, releases the part's content key wrapped to the consumer (`PartKeyReleased`).
///           The operator's share of each payout goes to the settling member's relayer.
///         - `refund` (anyone, after T, once): the escrow left goes back to the consumer; while a part is being
///           settled, only after T + COMPLETION_WINDOW.
///         A node that is not an active member (never admitted, or removed) can neither commit nor settle. No admin:
///         the treasury, token, policy and registry are fixed at deployment.
contract FederatedDeals {
    using SafeERC20 for IERC20;

    uint256 public constant BPS = 10_000;
    uint64 public constant COMPLETION_WINDOW = 7 days;

    enum PartStatus {
        None,
        Committed,
        Settling,
        Settled
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
    }

    struct Deal {
        address consumer;
        uint64 categories;
        uint8 purpose;
        uint64 deadline;
        uint128 pricePerPatient;
        uint32 maxPatients;
        uint32 allotted;
        uint32 paidPatients;
        uint32 settlingParts;
        uint128 escrow;
        uint128 refunded;
        bytes32 criteriaCommitment;
        Split split;
    }

    struct Part {
        PartStatus status;
        uint32 cap;
        uint32 paid;
        bytes32 root;
        bytes32 packageHash;
        bytes32 ciphertextHash;
    }

    error NotAMember(address node);
    error DealExists(bytes32 dealId);
    error UnknownDeal(bytes32 dealId);
    error InvalidTerms();
    error InvalidSplit(uint256 sum);
    error BelowPolicy(bytes32 dealId);
    error DeadlinePassed(bytes32 dealId, uint64 deadline);
    error DeadlineNotReached(bytes32 dealId, uint64 deadline);
    error PartExists(bytes32 dealId, address member);
    error NoPart(bytes32 dealId, address member);
    error OverAllotted(uint256 allotted, uint256 max);
    error InvalidCohort();
    error PartSettled(bytes32 dealId, address member);
    error PartTooLarge(uint256 count, uint256 cap);
    error PackageMismatch(bytes32 dealId, bytes32 recorded);
    error InvalidPayout(uint256 index);
    error NotInCohort(uint256 index);
    error AlreadyPaid(address payee);
    error KeyReleaseMismatch(bool last);
    error SettlementInProgress(bytes32 dealId);
    error AlreadyRefunded(bytes32 dealId);
    error NothingToRefund(bytes32 dealId);

    event DealPosted(bytes32 indexed dealId, address indexed consumer, bytes32 criteriaCommitment, uint64 categories,
        uint8 purpose, uint128 pricePerPatient, uint32 maxPatients, uint64 deadline, Split split);
    event PartCommitted(bytes32 indexed dealId, address indexed member, bytes32 root, uint32 cap);
    event Paid(bytes32 indexed dealId, address indexed payee, uint8 indexed role, uint256 amount);
    event PartSettlementRecorded(bytes32 indexed dealId, address indexed member, bytes32 packageHash, uint32 patients,
        uint32 paid, bool last);
    event PartKeyReleased(bytes32 indexed dealId, address indexed member, bytes32 ciphertextHash, bytes wrappedKey);
    event Refunded(bytes32 indexed dealId, address indexed consumer, uint256 amount);

    IERC20 public immutable token;
    DealPolicy public immutable policy;
    NodeRegistry public immutable registry;
    address public immutable daoTreasury;
    uint256 public totalEscrow;
    mapping(bytes32 => Deal) private deals;
    mapping(bytes32 => mapping(address => Part)) private parts;
    mapping(bytes32 => mapping(address => bool)) public isPaid;

    constructor(IERC20 token_, DealPolicy policy_, NodeRegistry registry_, address daoTreasury_) {
        if (daoTreasury_ == address(0)) revert InvalidTerms();
        token = token_;
        policy = policy_;
        registry = registry_;
        daoTreasury = daoTreasury_;
    }

    modifier onlyMember() {
        (,,, bool active) = registry.memberOf(msg.sender);
        if (!active) revert NotAMember(msg.sender);
        _;
    }

    function dealOf(bytes32 dealId) external view returns (Deal memory) {
        return deals[dealId];
    }

    function partOf(bytes32 dealId, address member) external view returns (Part memory) {
        return parts[dealId][member];
    }

    /// @return the leaf of a payout in a part's tree: the same as DataDeals.leafOf of a payout without a DAO treasury
    ///         (federated parts have no per-DAO routing: their treasury part goes to this contract's payee)
    function leafOf(bytes32 dealId, Payout calldata p) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encodePacked(dealId, p.pseudonym, p.patient, p.caregiver,
            uint32(p.providers.length), p.providers, p.weights))));
    }

    /// @notice Posts and funds a deal: pulls pricePerPatient × maxPatients from the caller, its consumer.
    function postDeal(bytes32 dealId, bytes32 criteriaCommitment, uint64 categories, uint8 purpose,
        uint128 pricePerPatient, uint32 maxPatients, uint64 deadline, Split calldata split) external {
        if (dealId == bytes32(0) || deals[dealId].consumer != address(0)) revert DealExists(dealId);
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
        d.deadline = deadline;
        d.pricePerPatient = pricePerPatient;
        d.maxPatients = maxPatients;
        d.escrow = uint128(amount);
        d.criteriaCommitment = criteriaCommitment;
        d.split = split;
        totalEscrow += amount;
        emit DealPosted(dealId, msg.sender, criteriaCommitment, categories, purpose, pricePerPatient, maxPatients,
            deadline, split);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice The calling member commits its part once, before the deadline: its sub-cohort's root and allotment.
    function commitPart(bytes32 dealId, bytes32 root, uint32 cap) external onlyMember {
        Deal storage d = _deal(dealId);
        if (block.timestamp > d.deadline) revert DeadlinePassed(dealId, d.deadline);
        Part storage p = parts[dealId][msg.sender];
        if (p.status != PartStatus.None) revert PartExists(dealId, msg.sender);
        if (root == bytes32(0) || cap == 0) revert InvalidCohort();
        uint256 allotted = uint256(d.allotted) + cap;
        if (allotted > d.maxPatients) revert OverAllotted(allotted, d.maxPatients);
        d.allotted = uint32(allotted);
        p.status = PartStatus.Committed;
        p.cap = cap;
        p.root = root;
        emit PartCommitted(dealId, msg.sender, root, cap);
    }

    /// @notice The calling member pays a chunk of its own part; `last` closes the part and releases its key.
    function settlePart(bytes32 dealId, bytes32 packageHash, bytes32 ciphertextHash, Payout[] calldata payouts,
        bool last, bytes calldata wrappedKey) external onlyMember {
        Deal storage d = _deal(dealId);
        Part storage p = parts[dealId][msg.sender];
        if (p.status == PartStatus.None) revert NoPart(dealId, msg.sender);
        if (p.status == PartStatus.Settled) revert PartSettled(dealId, msg.sender);
        if (p.status == PartStatus.Committed) {
            if (block.timestamp > d.deadline) revert DeadlinePassed(dealId, d.deadline);
            if (packageHash == bytes32(0) || ciphertextHash == bytes32(0)) revert InvalidPayout(type(uint256).max);
            p.packageHash = packageHash;
            p.ciphertextHash = ciphertextHash;
            d.settlingParts += 1;
        } else if (p.packageHash != packageHash || p.ciphertextHash != ciphertextHash) {
            revert PackageMismatch(dealId, p.packageHash);
        } else if (block.timestamp > uint256(d.deadline) + COMPLETION_WINDOW) {
            revert DeadlinePassed(dealId, d.deadline);
        }
        if (last != (wrappedKey.length != 0)) revert KeyReleaseMismatch(last);
        uint256 paid = uint256(p.paid) + payouts.length;
        if (paid > p.cap) revert PartTooLarge(paid, p.cap);
        uint256 total = uint256(d.pricePerPatient) * payouts.length;
        p.paid = uint32(paid);
        d.paidPatients += uint32(payouts.length);
        d.escrow -= uint128(total);
        totalEscrow -= total;
        if (last) {
            p.status = PartStatus.Settled;
            d.settlingParts -= 1;
        } else {
            p.status = PartStatus.Settling;
        }
        emit PartSettlementRecorded(dealId, msg.sender, packageHash, uint32(payouts.length), uint32(paid), last);
        _payAll(dealId, p.root, payouts, d.pricePerPatient, d.split);
        if (last) emit PartKeyReleased(dealId, msg.sender, ciphertextHash, wrappedKey);
    }

    /// @notice After the deadline, returns the escrow left to the consumer (once); while a part is being settled only
    ///         after the completion window.
    function refund(bytes32 dealId) external {
        Deal storage d = _deal(dealId);
        if (d.refunded != 0) revert AlreadyRefunded(dealId);
        if (block.timestamp <= d.deadline) revert DeadlineNotReached(dealId, d.deadline);
        if (d.settlingParts != 0 && block.timestamp <= uint256(d.deadline) + COMPLETION_WINDOW) {
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
        if (d.consumer == address(0)) revert UnknownDeal(dealId);
    }

    function _payAll(bytes32 dealId, bytes32 root, Payout[] calldata payouts, uint256 price, Split memory s) private {
        uint256 daoTotal;
        uint256 operatorTotal;
        for (uint256 i; i < payouts.length; ++i) {
            Payout calldata p = payouts[i];
            if (!MerkleProof.verifyCalldata(p.proof, root, leafOf(dealId, p))) revert NotInCohort(i);
            if (isPaid[dealId][p.patient]) revert AlreadyPaid(p.patient);
            isPaid[dealId][p.patient] = true;
            (uint256 dao, uint256 op) = _pay(dealId, p, price, s, i);
            daoTotal += dao;
            operatorTotal += op;
        }
        _transfer(dealId, daoTreasury, 3, daoTotal);
        _transfer(dealId, msg.sender, 4, operatorTotal);
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
        _transfer(dealId, p.patient, 0, patientPart);
        _transfer(dealId, p.caregiver, 2, caregiverPart);
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
        _transfer(dealId, p.providers[0], 1, rest);
        for (uint256 j = 1; j < n; ++j) {
            _transfer(dealId, p.providers[j], 1, part * p.weights[j] / totalWeight);
        }
    }

    function _transfer(bytes32 dealId, address to, uint8 role, uint256 amount) private {
        if (amount == 0) return;
        emit Paid(dealId, to, role, amount);
        token.safeTransfer(to, amount);
    }
}
