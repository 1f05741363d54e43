package io.salus.crypto.custody;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.recovery.Shamir;
import io.salus.core.recovery.ShamirShare;
import io.salus.crypto.internal.Hpke;
import io.salus.crypto.internal.HpkeSender;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Guardian recovery of device-held keys, on the devices (docs/custody.md): the patient's device splits its wallet (the
 * secp256k1 key ‖ the X25519 key, 64 bytes) with Shamir and seals share i to guardian i's X25519 key; a guardian's
 * device opens its share and seals it again to the recovery's new device key; the new device opens k of them, combines
 * them into the old keys, and re-wraps the patient's data keys to itself. The node only ever sees sealed shares. Same
 * HPKE suite as records; the contexts are the HPKE info. Stateless and thread-safe.
 */
public final class DeviceShares {
    private final SecureRandom random;
    private final HpkeSender hpke;

    public DeviceShares(SecureRandom random) {
        this.random = random;
        this.hpke = new HpkeSender(random);
    }

    /** A guardian to seal a share to: its X25519 public key and the share's context. */
    public record Recipient(byte[] encryptionPublicKey, byte[] context) {
    }

    /** A sealed share with its x. */
    public record Sealed(int x, byte[] sealed) {
    }

    /** Splits {@code keys} k of n (n = recipients) and seals share i (x = i + 1) to recipient i. */
    public Result<List<Sealed>> split(DeviceKeys keys, List<Recipient> recipients, int k) {
        byte[] secret = secret(keys);
        try {
            return new Shamir(random).split(secret, k, recipients.size()).flatMap(shares -> {
                List<Sealed> out = new ArrayList<>();
                for (int i = 0; i < shares.size(); i++) {
                    byte[] plain = shares.get(i).encode();
                    try {
                        out.add(new Sealed(shares.get(i).x(), hpke.encrypt(recipients.get(i).encryptionPublicKey(),
                                plain, recipients.get(i).context())));
                    } catch (GeneralSecurityException e) {
                        return Result.fail(ErrorCode.RECOVERY_INVALID_GUARDIANS, "guardian " + (i + 1)
                                + "'s X25519 public key cannot be sealed to");
                    } finally {
                        Arrays.fill(plain, (byte) 0);
                    }
                }
                return Result.ok(out);
            });
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * A guardian's device: its share opened with its own key in {@code shareContext} and sealed again to the new
     * device's key in {@code approvalContext}; {@code RECOVERY_SHARE_TAMPERED} if the share does not open.
     */
    public Result<byte[]> reseal(DeviceKeys guardian, byte[] sealed, byte[] shareContext, byte[] newPublicKey,
            byte[] approvalContext) {
        byte[] plain = null;
        try {
            plain = Hpke.decrypt(guardian.encryptionPrivateKey(), guardian.encryptionPublicKey(), sealed,
                    shareContext);
            return Result.ok(hpke.encrypt(newPublicKey, plain, approvalContext));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Result.fail(ErrorCode.RECOVERY_SHARE_TAMPERED, "the share does not open with this guardian's key");
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /**
     * The new device: k shares re-sealed to it, opened and combined into the old keys; {@code RECOVERY_INVALID_SHARES}
     * or {@code RECOVERY_SHARE_TAMPERED} if they do not open or combine.
     */
    public Result<DeviceKeys> combine(DeviceKeys newDevice, List<Sealed> resealed, List<byte[]> contexts, int k) {
        List<ShamirShare> shares = new ArrayList<>();
        for (int i = 0; i < resealed.size(); i++) {
            byte[] plain = null;
            try {
                plain = Hpke.decrypt(newDevice.encryptionPrivateKey(), newDevice.encryptionPublicKey(),
                        resealed.get(i).sealed(), contexts.get(i));
                shares.add(ShamirShare.decode(plain));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return Result.fail(ErrorCode.RECOVERY_SHARE_TAMPERED, "share x=" + resealed.get(i).x()
                        + " does not open with this device's key");
            } finally {
                if (plain != null) {
                    Arrays.fill(plain, (byte) 0);
                }
            }
        }
        return Shamir.combine(shares, k).flatMap(secret -> {
            try {
                if (secret.length != 2 * DeviceKeys.KEY_BYTES) {
                    return Result.fail(ErrorCode.RECOVERY_INVALID_SHARES, "the shares are not of a device's keys");
                }
                return Result.ok(DeviceKeys.of(Arrays.copyOfRange(secret, 0, DeviceKeys.KEY_BYTES),
                        Arrays.copyOfRange(secret, DeviceKeys.KEY_BYTES, secret.length)));
            } catch (IllegalArgumentException e) {
                return Result.fail(ErrorCode.RECOVERY_INVALID_SHARES, "the combined shares are not a key pair");
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        });
    }

    /** A patient-wrapped data key opened with {@code old} and wrapped to {@code newPublicKey} (same associated data). */
    public Result<byte[]> rewrap(DeviceKeys old, byte[] wrapped, byte[] associatedData, byte[] newPublicKey) {
        byte[] dataKey = null;
        try {
            dataKey = Hpke.decrypt(old.encryptionPrivateKey(), old.encryptionPublicKey(), wrapped, associatedData);
            return Result.ok(hpke.encrypt(newPublicKey, dataKey, associatedData));
        } catch (GeneralSecurityException e) {
            return Result.fail(ErrorCode.RECORD_TAMPERED, "a data key does not open with the recovered key");
        } finally {
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
        }
    }

    private static byte[] secret(DeviceKeys keys) {
        byte[] out = new byte[2 * DeviceKeys.KEY_BYTES];
        byte[] s = keys.signingPrivateKey();
        byte[] e = keys.encryptionPrivateKey();
        System.arraycopy(s, 0, out, 0, DeviceKeys.KEY_BYTES);
        System.arraycopy(e, 0, out, DeviceKeys.KEY_BYTES, DeviceKeys.KEY_BYTES);
        Arrays.fill(s, (byte) 0);
        Arrays.fill(e, (byte) 0);
        return out;
    }
}
