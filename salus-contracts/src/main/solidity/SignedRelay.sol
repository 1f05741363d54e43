// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title Base of the contracts that accept EIP-712 signed instructions relayed by anyone.
/// @notice A signed instruction names its signer, carries the signer's next nonce (per contract, one sequence per
///         signer: a replay fails with {InvalidAccountNonce}) and a deadline (unix seconds, inclusive). Signatures must
///         be 65 bytes r ‖ s ‖ v with a low s (OpenZeppelin ECDSA: 64-byte EIP-2098 and malleated high-s signatures
///         revert with {ECDSAInvalidSignatureLength} / {ECDSAInvalidSignatureS}).
///         The EIP-712 domain is EIP712Domain(name, version, chainId, verifyingContract), computed here exactly as
///         OpenZeppelin's EIP712 does (cached, rebuilt if the chain id changes): OpenZeppelin 5.7's EIP712 pulls in
///         code that needs the Cancun EVM (mcopy), and the Salus contracts target Shanghai.
abstract contract SignedRelay is Nonces {
    error SignatureExpired(uint256 deadline, uint256 nowSeconds);
    error WrongSigner(address claimed, address recovered);

    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    bytes32 private immutable hashedName;
    bytes32 private immutable hashedVersion;
    uint256 private immutable cachedChainId;
    bytes32 private immutable cachedDomainSeparator;

    constructor(string memory name, string memory version) {
        hashedName = keccak256(bytes(name));
        hashedVersion = keccak256(bytes(version));
        cachedChainId = block.chainid;
        cachedDomainSeparator = _buildDomainSeparator();
    }

    /// @return the EIP-712 domain separator (chain id and this contract's address bound in)
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @return the digest a signer signs for a struct hash under this contract's domain
    function hashTypedData(bytes32 structHash) external view returns (bytes32) {
        return _hashTypedDataV4(structHash);
    }

    function _domainSeparatorV4() internal view returns (bytes32) {
        return block.chainid == cachedChainId ? cachedDomainSeparator : _buildDomainSeparator();
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, hashedName, hashedVersion, block.chainid, address(this)));
    }

    function _hashTypedDataV4(bytes32 structHash) internal view returns (bytes32) {
        return keccak256(abi.encodePacked(hex"1901", _domainSeparatorV4(), structHash));
    }

    /// @dev Checks deadline and signature, then consumes the signer's nonce.
    function _verify(bytes32 structHash, address signer, uint256 nonce, uint256 deadline, bytes calldata signature)
        internal
    {
        if (block.timestamp > deadline) revert SignatureExpired(deadline, block.timestamp);
        address recovered = ECDSA.recoverCalldata(_hashTypedDataV4(structHash), signature);
        if (recovered != signer) revert WrongSigner(signer, recovered);
        _useCheckedNonce(signer, nonce);
    }
}
