// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {DataDeals} from "./DataDeals.sol";

/// @title Payouts of a federated study's other members: every contributing patient paid, each member within its part.
/// @notice A study (decision 0037) is coordinated by the consumer's home node against one of its DataDeals deals,
///         whose settlement pays the home node's patients and releases the model's key. The other members' patients
///         are paid here, with the deal's price and split, before that settlement:
///         - `declare` (the settler, the coordinating node's relayer; once per study, while the deal is committed and
///           not past its deadline): one part per member node, each the Merkle root of that member's payout leaves and
///           its cap (the patients it declared it trained on). Leaves are DataDeals' leaves with the part's key
///           keccak256(studyId ‖ member) in place of the deal id, so a leaf proves only in its own member's part.
///         - `fund` (the deal's consumer, once): pulls price × the sum of the caps.
///         - `settlePart` (the settler): pays payouts of one part, each proven against that part's root; never beyond
///           the part's cap, a payee at most once per study; until the deal's deadline + COMPLETION_WINDOW.
///         - `settled`: every part paid up to its cap. The coordinating node settles the deal (releasing the model's
///           key) only once this is true.
///         - `refund` (anyone, after the deadline + COMPLETION_WINDOW, once): the escrow left back to the consumer.
///         Conservation: the token balance equals `totalEscrow` (plus tokens sent to the contract directly).
contract StudyPayouts {
    using SafeERC20 for IERC20;

    uint256 public constant BPS = 10_000;
    uint64 public constant COMPLETION_WINDOW = 7 days;

    struct Part {
        bytes32 root;
        uint32 cap;
        uint32 paid;
    }

    struct Study {
        bytes32 dealId;
        address consumer;
        uint128 price;
        uint64 deadline;
        uint32 parts;
        uint32 openParts;
        uint32 patients;
        uint128 escrow;
        bool funded;
        bool refunded;
    }

    error NotSettler();
    error NotConsumer();
    error StudyExists(bytes32 studyId);
    error UnknownStudy(bytes32 studyId);
    error DealNotCommitted(bytes32 dealId);
    error DeadlinePassed(bytes32 studyId);
    error InvalidParts();
    error NotFunded(bytes32 studyId);
    error AlreadyFunded(bytes32 studyId);
    error UnknownPart(address member);
    error CapExceeded(address member, uint256 paid, uint256 cap);
    error NotInPart(uint256 index);
    error AlreadyPaid(address payee);
    error InvalidPayout(uint256 index);
    error RefundNotYet(bytes32 studyId);
    error AlreadyRefunded(bytes32 studyId);

    event StudyDeclared(bytes32 indexed studyId, bytes32 indexed dealId, uint32 parts, uint32 patients);
    event PartDeclared(bytes32 indexed studyId, address indexed member, bytes32 root, uint32 cap);
    event StudyFunded(bytes32 indexed studyId, address indexed consumer, uint256 amount);
    event PartPaid(bytes32 indexed studyId, address indexed member, uint32 patients, uint32 paid);
    event Paid(bytes32 indexed studyId, address indexed payee, DataDeals.Role indexed role, uint256 amount);
    event StudyRefunded(bytes32 indexed studyId, address indexed consumer, uint256 amount);

    IERC20 public immutable token;
    DataDeals public immutable deals;
    address public immutable settler;
    uint256 public totalEscrow;
    mapping(bytes32 => Study) private studies;
    mapping(bytes32 => mapping(address => Part)) private parts;
    mapping(bytes32 => mapping(address => bool)) public isPaid;

    constructor(IERC20 token_, DataDeals deals_, address settler_) {
        if (settler_ == address(0)) revert NotSettler();
        token = token_;
        deals = deals_;
        settler = settler_;
    }

    modifier onlySettler() {
        if (msg.sender != settler) revert NotSettler();
        _;
    }

    function studyOf(bytes32 studyId) external view returns (Study memory) {
        return studies[studyId];
    }

    function partOf(bytes32 studyId, address member) external view returns (Part memory) {
        return parts[studyId][member];
    }

    /// @return the key of a member's part: its leaves are DataDeals' leaves under this key
    function partKey(bytes32 studyId, address member) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(studyId, member));
    }

    /// @return true once every declared part is paid up to its cap
    function settled(bytes32 studyId) external view returns (bool) {
        Study storage s = studies[studyId];
        return s.consumer != address(0) && s.funded && s.openParts == 0;
    }

    function declare(bytes32 studyId, bytes32 dealId, address[] calldata members, bytes32[] calldata roots,
        uint32[] calldata caps) external onlySettler {
        if (studies[studyId].consumer != address(0)) revert StudyExists(studyId);
        DataDeals.Deal memory d = deals.dealOf(dealId);
        if (d.status != DataDeals.Status.Committed) revert DealNotCommitted(dealId);
        if (block.timestamp > d.deadline) revert DeadlinePassed(studyId);
        uint256 n = members.length;
        if (n == 0 || roots.length != n || caps.length != n) revert InvalidParts();
        uint256 patients;
        for (uint256 i; i < n; ++i) {
            Part storage p = parts[studyId][members[i]];
            if (members[i] == address(0) || roots[i] == bytes32(0) || caps[i] == 0 || p.cap != 0) {
                revert InvalidParts();
            }
            p.root = roots[i];
            p.cap = caps[i];
            patients += caps[i];
            emit PartDeclared(studyId, members[i], roots[i], caps[i]);
        }
        Study storage s = studies[studyId];
        s.dealId = dealId;
        s.consumer = d.consumer;
        s.price = d.pricePerPatient;
        s.deadline = d.deadline;
        s.parts = uint32(n);
        s.openParts = uint32(n);
        s.patients = uint32(patients);
        emit StudyDeclared(studyId, dealId, uint32(n), uint32(patients));
    }

    function fund(bytes32 studyId) external {
        Study storage s = _study(studyId);
        if (msg.sender != s.consumer) revert NotConsumer();
        if (s.funded) revert AlreadyFunded(studyId);
        if (block.timestamp > s.deadline) revert DeadlinePassed(studyId);
        uint256 amount = uint256(s.price) * s.patients;
        s.funded = true;
        s.escrow = uint128(amount);
        totalEscrow += amount;
        emit StudyFunded(studyId, msg.sender, amount);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    function settlePart(bytes32 studyId, address member, DataDeals.Payout[] calldata payouts) external onlySettler {
        Study storage s = _study(studyId);
        if (!s.funded) revert NotFunded(studyId);
        if (block.timestamp > uint256(s.deadline) + COMPLETION_WINDOW) revert DeadlinePassed(studyId);
        Part storage p = parts[studyId][member];
        if (p.cap == 0) revert UnknownPart(member);
        uint256 paid = uint256(p.paid) + payouts.length;
        if (paid > p.cap) revert CapExceeded(member, paid, p.cap);
        bool closes = p.paid < p.cap && paid == p.cap;
        p.paid = uint32(paid);
        if (closes) s.openParts -= 1;
        uint256 price = s.price;
        s.escrow -= uint128(price * payouts.length);
        totalEscrow -= price * payouts.length;
        emit PartPaid(studyId, member, uint32(payouts.length), uint32(paid));
        _payAll(studyId, p.root, partKey(studyId, member), payouts, price, deals.dealOf(s.dealId).split);
    }

    function _payAll(bytes32 studyId, bytes32 root, bytes32 key, DataDeals.Payout[] calldata payouts, uint256 price,
        DataDeals.Split memory split) private {
        uint256 daoTotal;
        uint256 operatorTotal;
        for (uint256 i; i < payouts.length; ++i) {
            DataDeals.Payout calldata o = payouts[i];
            if (!MerkleProof.verifyCalldata(o.proof, root, deals.leafOf(key, o))) revert NotInPart(i);
            if (isPaid[studyId][o.patient]) revert AlreadyPaid(o.patient);
            isPaid[studyId][o.patient] = true;
            (uint256 dao, uint256 op) = _pay(studyId, o, price, split, i);
            daoTotal += dao;
            operatorTotal += op;
        }
        _transfer(studyId, deals.daoTreasury(), DataDeals.Role.DaoTreasury, daoTotal);
        _transfer(studyId, deals.operator(), DataDeals.Role.Operator, operatorTotal);
    }

    function refund(bytes32 studyId) external {
        Study storage s = _study(studyId);
        if (block.timestamp <= uint256(s.deadline) + COMPLETION_WINDOW) revert RefundNotYet(studyId);
        if (s.refunded) revert AlreadyRefunded(studyId);
        uint256 amount = s.escrow;
        s.refunded = true;
        s.escrow = 0;
        totalEscrow -= amount;
        emit StudyRefunded(studyId, s.consumer, amount);
        if (amount != 0) token.safeTransfer(s.consumer, amount);
    }

    function _study(bytes32 studyId) private view returns (Study storage s) {
        s = studies[studyId];
        if (s.consumer == address(0)) revert UnknownStudy(studyId);
    }

    /// @dev DataDeals' arithmetic: the parts of providers, caregiver, treasury and operator rounded down, the patient
    ///      the rest; no caregiver or no providers: their part to the patient.
    function _pay(bytes32 studyId, DataDeals.Payout calldata o, uint256 price, DataDeals.Split memory s, uint256 i)
        private
        returns (uint256 dao, uint256 op)
    {
        uint256 n = o.providers.length;
        // no per-DAO routing here: a study's treasury part goes to DataDeals' default payee, so a payout naming a
        // DAO treasury is refused rather than paid elsewhere than its leaf says
        if (o.patient == address(0) || n != o.weights.length || o.daoTreasury != address(0)) revert InvalidPayout(i);
        uint256 providersPart = price * s.providers / BPS;
        uint256 caregiverPart = price * s.caregiver / BPS;
        dao = price * s.daoTreasury / BPS;
        op = price * s.operator / BPS;
        uint256 patientPart = price - providersPart - caregiverPart - dao - op;
        if (o.caregiver == address(0)) {
            patientPart += caregiverPart;
            caregiverPart = 0;
        }
        if (n == 0) {
            patientPart += providersPart;
            providersPart = 0;
        }
        _transfer(studyId, o.patient, DataDeals.Role.Patient, patientPart);
        _transfer(studyId, o.caregiver, DataDeals.Role.Caregiver, caregiverPart);
        if (n != 0) _payProviders(studyId, o, providersPart, i);
    }

    function _payProviders(bytes32 studyId, DataDeals.Payout calldata o, uint256 part, uint256 i) private {
        uint256 n = o.providers.length;
        uint256 totalWeight;
        for (uint256 j; j < n; ++j) {
            if (o.weights[j] == 0 || o.providers[j] == address(0)) revert InvalidPayout(i);
            totalWeight += o.weights[j];
        }
        uint256 rest = part;
        for (uint256 j = 1; j < n; ++j) {
            rest -= part * o.weights[j] / totalWeight;
        }
        _transfer(studyId, o.providers[0], DataDeals.Role.Provider, rest);
        for (uint256 j = 1; j < n; ++j) {
            _transfer(studyId, o.providers[j], DataDeals.Role.Provider, part * o.weights[j] / totalWeight);
        }
    }

    function _transfer(bytes32 studyId, address to, DataDeals.Role role, uint256 amount) private {
        if (amount == 0) return;
        emit Paid(studyId, to, role, amount);
        token.safeTransfer(to, amount);
    }
}
