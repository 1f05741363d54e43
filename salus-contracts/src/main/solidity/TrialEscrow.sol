// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title Escrow of clinical-trial recruitment: a fee per enrolled patient, paid only against the patient's own
///        study-scoped consent, never twice, never beyond the cap; the rest back to the sponsor after the deadline.
/// @notice Lifecycle of a study, keyed by a 32-byte id the node chooses (nothing about the study's eligibility or
///         protocol is on chain but the hash of its ResearchStudy):
///         - `fund` (the sponsor, before its deadline, once): records fee, cap, deadline, the protocol hash and the
///           study's milestone fees (none to `MAX_MILESTONES`) and pulls (fee + the milestone fees) × cap from the
///           sponsor.
///         - `enrol` (the enroller, the node that checked eligibility, before the deadline): pays the fee to the
///           payee the patient named, only with the patient's EIP-712 signature of
///           `StudyConsent(bytes32 studyId,address patient,address payee)` (domain "Salus Trial", version "1"),
///           at most once per patient and study, at most `cap` patients.
///         - `payMilestone` (the study's own sponsor, before the deadline): pays milestone `index`'s fee for an enrolled
///           patient to the payee named at enrolment, at most once per patient, study and milestone. Nobody else can
///           release milestone money (no admin, not the enroller).
///         - `refund` (anyone, after the deadline, once): returns fee × (cap − enrolled) and every milestone fee not
///           paid to the sponsor.
///         Conservation: the token balance equals `totalEscrow` (plus tokens sent to the contract directly).
///         The EIP-712 domain separator is computed here (not with OpenZeppelin's EIP712, whose string helpers need
///         the Cancun EVM) and fixed at deployment: this contract is not meant to live across a chain fork.
contract TrialEscrow {
    using SafeERC20 for IERC20;

    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 public constant CONSENT_TYPEHASH =
        keccak256("StudyConsent(bytes32 studyId,address patient,address payee)");

    struct Study {
        address sponsor;
        uint128 fee;
        uint32 cap;
        uint32 enrolled;
        uint64 deadline;
        bool refunded;
        bytes32 protocolHash;
        uint256 milestoneEscrow;
    }

    uint256 public constant MAX_MILESTONES = 10;

    error NotEnroller(address caller);
    error InvalidStudyTerms();
    error StudyExists(bytes32 studyId);
    error UnknownStudy(bytes32 studyId);
    error StudyClosed(bytes32 studyId, uint64 deadline);
    error StudyFull(bytes32 studyId, uint32 cap);
    error AlreadyEnrolled(bytes32 studyId, address patient);
    error ConsentNotSigned(bytes32 studyId, address patient);
    error StudyStillOpen(bytes32 studyId, uint64 deadline);
    error StudyAlreadyRefunded(bytes32 studyId);
    error NotSponsor(bytes32 studyId, address caller);
    error UnknownMilestone(bytes32 studyId, uint8 index);
    error NotEnrolled(bytes32 studyId, address patient);
    error MilestoneAlreadyPaid(bytes32 studyId, address patient, uint8 index);

    event StudyFunded(bytes32 indexed studyId, address indexed sponsor, uint128 fee, uint32 cap, uint64 deadline,
        bytes32 protocolHash);
    event Enrolled(bytes32 indexed studyId, address indexed patient, address payee, uint128 fee);
    event StudyRefunded(bytes32 indexed studyId, address indexed sponsor, uint256 amount);
    event MilestonePaid(bytes32 indexed studyId, address indexed patient, uint8 indexed index, address payee,
        uint128 fee);

    IERC20 public immutable token;
    address public immutable enroller;
    bytes32 public immutable domainSeparator;
    uint256 public totalEscrow;
    mapping(bytes32 => Study) private studies;
    mapping(bytes32 => mapping(address => bool)) public isEnrolled;
    mapping(bytes32 => mapping(address => address)) public payeeOf;
    mapping(bytes32 => uint128[]) private milestones;
    mapping(bytes32 => mapping(address => mapping(uint8 => bool))) public milestonePaid;

    constructor(IERC20 token_, address enroller_) {
        if (address(token_) == address(0) || enroller_ == address(0)) revert InvalidStudyTerms();
        token = token_;
        enroller = enroller_;
        domainSeparator = keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256("Salus Trial"), keccak256("1"),
            block.chainid, address(this)));
    }

    /// @notice Posts and funds a study from the caller (the sponsor): pulls (fee + the milestone fees) × cap.
    function fund(bytes32 studyId, uint128 fee, uint32 cap, uint64 deadline, bytes32 protocolHash,
        uint128[] calldata milestoneFees) external {
        if (studies[studyId].sponsor != address(0)) revert StudyExists(studyId);
        if (studyId == bytes32(0) || fee == 0 || cap == 0 || deadline <= block.timestamp) revert InvalidStudyTerms();
        if (milestoneFees.length > MAX_MILESTONES) revert InvalidStudyTerms();
        uint256 perPatient = 0;
        for (uint256 i = 0; i < milestoneFees.length; i++) {
            if (milestoneFees[i] == 0) revert InvalidStudyTerms();
            perPatient += milestoneFees[i];
            milestones[studyId].push(milestoneFees[i]);
        }
        uint256 milestoneEscrow = perPatient * cap;
        uint256 escrow = uint256(fee) * cap + milestoneEscrow;
        studies[studyId] = Study(msg.sender, fee, cap, 0, deadline, false, protocolHash, milestoneEscrow);
        totalEscrow += escrow;
        token.safeTransferFrom(msg.sender, address(this), escrow);
        emit StudyFunded(studyId, msg.sender, fee, cap, deadline, protocolHash);
    }

    /// @notice Enrols a patient who signed the study-scoped consent and pays the fee to the payee it names.
    function enrol(bytes32 studyId, address patient, address payee, bytes calldata signature) external {
        if (msg.sender != enroller) revert NotEnroller(msg.sender);
        Study storage s = studies[studyId];
        if (s.sponsor == address(0)) revert UnknownStudy(studyId);
        if (s.refunded || block.timestamp > s.deadline) revert StudyClosed(studyId, s.deadline);
        if (isEnrolled[studyId][patient]) revert AlreadyEnrolled(studyId, patient);
        if (s.enrolled >= s.cap) revert StudyFull(studyId, s.cap);
        if (payee == address(0) || patient == address(0)) revert InvalidStudyTerms();
        if (ECDSA.recover(consentDigest(studyId, patient, payee), signature) != patient) {
            revert ConsentNotSigned(studyId, patient);
        }
        isEnrolled[studyId][patient] = true;
        payeeOf[studyId][patient] = payee;
        s.enrolled += 1;
        totalEscrow -= s.fee;
        token.safeTransfer(payee, s.fee);
        emit Enrolled(studyId, patient, payee, s.fee);
    }

    /// @notice The study's sponsor attests that an enrolled patient reached milestone `index`: its fee goes to the
    ///         payee the patient named at enrolment, once.
    function payMilestone(bytes32 studyId, uint8 index, address patient) external {
        Study storage s = studies[studyId];
        if (s.sponsor == address(0)) revert UnknownStudy(studyId);
        if (msg.sender != s.sponsor) revert NotSponsor(studyId, msg.sender);
        if (s.refunded || block.timestamp > s.deadline) revert StudyClosed(studyId, s.deadline);
        if (index >= milestones[studyId].length) revert UnknownMilestone(studyId, index);
        if (!isEnrolled[studyId][patient]) revert NotEnrolled(studyId, patient);
        if (milestonePaid[studyId][patient][index]) revert MilestoneAlreadyPaid(studyId, patient, index);
        uint128 fee = milestones[studyId][index];
        milestonePaid[studyId][patient][index] = true;
        s.milestoneEscrow -= fee;
        totalEscrow -= fee;
        address payee = payeeOf[studyId][patient];
        token.safeTransfer(payee, fee);
        emit MilestonePaid(studyId, patient, index, payee, fee);
    }

    /// @notice After the deadline, returns what was not paid out to the sponsor. Anyone may call it.
    function refund(bytes32 studyId) external {
        Study storage s = studies[studyId];
        if (s.sponsor == address(0)) revert UnknownStudy(studyId);
        if (block.timestamp <= s.deadline) revert StudyStillOpen(studyId, s.deadline);
        if (s.refunded) revert StudyAlreadyRefunded(studyId);
        s.refunded = true;
        uint256 amount = uint256(s.fee) * (s.cap - s.enrolled) + s.milestoneEscrow;
        s.milestoneEscrow = 0;
        totalEscrow -= amount;
        if (amount > 0) {
            token.safeTransfer(s.sponsor, amount);
        }
        emit StudyRefunded(studyId, s.sponsor, amount);
    }

    /// @notice The EIP-712 digest a patient signs to consent to a study, naming who is paid the fee.
    function consentDigest(bytes32 studyId, address patient, address payee) public view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(CONSENT_TYPEHASH, studyId, patient, payee));
        return keccak256(abi.encodePacked(hex"1901", domainSeparator, structHash));
    }

    /// @notice The fee of each milestone of a study, in order.
    function milestoneFeesOf(bytes32 studyId) external view returns (uint128[] memory) {
        return milestones[studyId];
    }

    function studyOf(bytes32 studyId)
        external
        view
        returns (address sponsor, uint128 fee, uint32 cap, uint32 enrolled, uint64 deadline, bool refunded,
            bytes32 protocolHash)
    {
        Study storage s = studies[studyId];
        return (s.sponsor, s.fee, s.cap, s.enrolled, s.deadline, s.refunded, s.protocolHash);
    }
}
