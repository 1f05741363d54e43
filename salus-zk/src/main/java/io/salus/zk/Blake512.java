package io.salus.zk;

/**
 * BLAKE-512 (the SHA-3 finalist, not BLAKE2), which circomlibjs uses to derive an EdDSA key's scalar and nonces from
 * the private key; implemented here so that a provider key gives the same public key and the same signatures in Java
 * as in circomlibjs (no JVM library ships BLAKE-512). Checked against the reference test vectors and circomlibjs's
 * {@code blake-hash}. Stateless and thread-safe.
 */
final class Blake512 {
    private static final long[] IV = {0x6A09E667F3BCC908L, 0xBB67AE8584CAA73BL, 0x3C6EF372FE94F82BL,
            0xA54FF53A5F1D36F1L, 0x510E527FADE682D1L, 0x9B05688C2B3E6C1FL, 0x1F83D9ABFB41BD6BL, 0x5BE0CD19137E2179L};
    private static final long[] C = {0x243F6A8885A308D3L, 0x13198A2E03707344L, 0xA4093822299F31D0L,
            0x082EFA98EC4E6C89L, 0x452821E638D01377L, 0xBE5466CF34E90C6CL, 0xC0AC29B7C97C50DDL, 0x3F84D5B5B5470917L,
            0x9216D5D98979FB1BL, 0xD1310BA698DFB5ACL, 0x2FFD72DBD01ADFB7L, 0xB8E1AFED6A267E96L, 0xBA7C9045F12C7F99L,
            0x24A19947B3916CF7L, 0x0801F2E2858EFC16L, 0x636920D871574E69L};
    private static final int[][] SIGMA = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
            {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
            {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
            {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
            {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
            {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
            {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
            {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
            {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
            {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0}};
    private static final int BLOCK = 128;

    private Blake512() {
    }

    /** The 64-byte BLAKE-512 digest of {@code message}. */
    static byte[] digest(byte[] message) {
        long bits = (long) message.length * 8;
        int padded = ((message.length + 1 + 16 + BLOCK - 1) / BLOCK) * BLOCK;
        byte[] m = new byte[padded];
        System.arraycopy(message, 0, m, 0, message.length);
        m[message.length] |= (byte) 0x80;
        m[padded - 17] |= 0x01;
        for (int i = 0; i < 8; i++) {
            m[padded - 1 - i] = (byte) (bits >>> (8 * i));
        }
        long[] h = IV.clone();
        for (int off = 0; off < padded; off += BLOCK) {
            // the counter is the number of message bits up to the end of this block, 0 for a block of padding only
            long counter = off < message.length ? Math.min(bits, (long) (off + BLOCK) * 8) : 0;
            compress(h, m, off, counter);
        }
        byte[] out = new byte[64];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                out[i * 8 + j] = (byte) (h[i] >>> (56 - 8 * j));
            }
        }
        return out;
    }

    private static void compress(long[] h, byte[] block, int off, long counter) {
        long[] m = new long[16];
        for (int i = 0; i < 16; i++) {
            long w = 0;
            for (int j = 0; j < 8; j++) {
                w = (w << 8) | (block[off + i * 8 + j] & 0xFFL);
            }
            m[i] = w;
        }
        long[] v = new long[16];
        System.arraycopy(h, 0, v, 0, 8);
        System.arraycopy(C, 0, v, 8, 4);
        v[12] = counter ^ C[4];
        v[13] = counter ^ C[5];
        v[14] = C[6];
        v[15] = C[7];
        for (int r = 0; r < 16; r++) {
            int[] s = SIGMA[r % 10];
            g(v, m, s, 0, 0, 4, 8, 12);
            g(v, m, s, 1, 1, 5, 9, 13);
            g(v, m, s, 2, 2, 6, 10, 14);
            g(v, m, s, 3, 3, 7, 11, 15);
            g(v, m, s, 4, 0, 5, 10, 15);
            g(v, m, s, 5, 1, 6, 11, 12);
            g(v, m, s, 6, 2, 7, 8, 13);
            g(v, m, s, 7, 3, 4, 9, 14);
        }
        for (int i = 0; i < 8; i++) {
            h[i] ^= v[i] ^ v[i + 8];
        }
    }

    private static void g(long[] v, long[] m, int[] s, int i, int a, int b, int c, int d) {
        v[a] += v[b] + (m[s[2 * i]] ^ C[s[2 * i + 1]]);
        v[d] = Long.rotateRight(v[d] ^ v[a], 32);
        v[c] += v[d];
        v[b] = Long.rotateRight(v[b] ^ v[c], 25);
        v[a] += v[b] + (m[s[2 * i + 1]] ^ C[s[2 * i]]);
        v[d] = Long.rotateRight(v[d] ^ v[a], 16);
        v[c] += v[d];
        v[b] = Long.rotateRight(v[b] ^ v[c], 11);
    }
}
