package io.salus.crypto.custody;

import com.google.crypto.tink.Aead;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.crypto.KdfParameters;
import io.salus.crypto.internal.MasterKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The device's key file: both private keys encrypted under a passphrase (Argon2id, then AES-256-GCM bound to the
 * address), with the public halves in clear so the file says whose it is. Text, one {@code name value} per line:
 * {@code salus-device-keys v1}, {@code address}, {@code encryption-public-key}, {@code kdf m t p}, {@code salt},
 * {@code sealed}. Stateless and thread-safe.
 */
public final class DeviceKeyFile {
    static final String MAGIC = "salus-device-keys v1";
    private static final HexFormat HEX = HexFormat.of();

    private DeviceKeyFile() {
    }

    public static byte[] encrypt(DeviceKeys keys, char[] passphrase, KdfParameters kdf, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] plain = new byte[2 * DeviceKeys.KEY_BYTES];
        byte[] signing = keys.signingPrivateKey();
        byte[] encryption = keys.encryptionPrivateKey();
        try {
            System.arraycopy(signing, 0, plain, 0, DeviceKeys.KEY_BYTES);
            System.arraycopy(encryption, 0, plain, DeviceKeys.KEY_BYTES, DeviceKeys.KEY_BYTES);
            byte[] sealed = MasterKey.derive(passphrase, salt, kdf).encrypt(plain, aad(keys.address()));
            String text = MAGIC + "\naddress " + keys.address().hex() + "\nencryption-public-key "
                    + HEX.formatHex(keys.encryptionPublicKey()) + "\nkdf " + kdf.memoryKiB() + " " + kdf.iterations()
                    + " " + kdf.parallelism() + "\nsalt " + HEX.formatHex(salt) + "\nsealed " + HEX.formatHex(sealed)
                    + "\n";
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encrypting the device keys failed", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
            Arrays.fill(signing, (byte) 0);
            Arrays.fill(encryption, (byte) 0);
        }
    }

    /** The address a key file is for, without the passphrase. */
    public static Result<EvmAddress> addressOf(byte[] file) {
        return fields(file).map(f -> new EvmAddress(f.get("address")));
    }

    /** {@code KEY_UNAVAILABLE} for a wrong passphrase or an altered or malformed file. */
    public static Result<DeviceKeys> decrypt(byte[] file, char[] passphrase) {
        return fields(file).flatMap(f -> {
            byte[] plain = null;
            try {
                String[] kdf = f.get("kdf").split(" ");
                EvmAddress address = new EvmAddress(f.get("address"));
                Aead aead = MasterKey.derive(passphrase, HEX.parseHex(f.get("salt")), new KdfParameters(
                        Integer.parseInt(kdf[0]), Integer.parseInt(kdf[1]), Integer.parseInt(kdf[2])));
                plain = aead.decrypt(HEX.parseHex(f.get("sealed")), aad(address));
                DeviceKeys keys = DeviceKeys.of(Arrays.copyOfRange(plain, 0, DeviceKeys.KEY_BYTES),
                        Arrays.copyOfRange(plain, DeviceKeys.KEY_BYTES, 2 * DeviceKeys.KEY_BYTES));
                if (!keys.address().equals(address)) {
                    keys.close();
                    return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the key file's keys are not its address's");
                }
                return Result.ok(keys);
            } catch (GeneralSecurityException | RuntimeException e) {
                return Result.fail(ErrorCode.KEY_UNAVAILABLE,
                        "the key file does not open with this passphrase (or was altered)");
            } finally {
                if (plain != null) {
                    Arrays.fill(plain, (byte) 0);
                }
            }
        });
    }

    private static Result<Map<String, String>> fields(byte[] file) {
        String[] lines = new String(file, StandardCharsets.UTF_8).split("\n");
        if (lines.length < 6 || !lines[0].equals(MAGIC)) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "not a Salus device key file");
        }
        Map<String, String> f = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int space = lines[i].indexOf(' ');
            if (space > 0) {
                f.put(lines[i].substring(0, space), lines[i].substring(space + 1).strip());
            }
        }
        for (String k : new String[]{"address", "encryption-public-key", "kdf", "salt", "sealed"}) {
            if (!f.containsKey(k)) {
                return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the key file has no " + k);
            }
        }
        return Result.ok(f);
    }

    private static byte[] aad(EvmAddress address) {
        return (MAGIC + "|" + address.hex()).getBytes(StandardCharsets.UTF_8);
    }
}
