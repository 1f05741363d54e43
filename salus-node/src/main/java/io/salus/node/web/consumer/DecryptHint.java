package io.salus.node.web.consumer;

import java.util.List;

/**
 * The exact commands a consumer runs to open a delivered package offline: export its X25519 key once, download (or use
 * the portal's download link) and decrypt with the CLI. The node does not decrypt packages for the portal: the
 * package is encrypted to the consumer so that only the consumer's key opens it.
 */
public record DecryptHint(String keyExport, String download, String decrypt) {

    public static DecryptHint of(String baseUrl, String dealId) {
        String file = fileName(dealId);
        return new DecryptHint("curl -s -X POST -H \"Authorization: Bearer $SALUS_TOKEN\" " + baseUrl
                + "/accounts/me/key-export | jq -r .encryptionPrivateKey > key.hex",
                "./salus deal download --url " + baseUrl + " --deal " + dealId + " --out " + file + ".salus",
                "./salus deal decrypt --in " + file + ".salus --out " + file + ".zip --key-file key.hex");
    }

    /** The file name (without extension) the portal and the commands use for a deal's package. */
    public static String fileName(String dealId) {
        return "deal-" + dealId.substring(0, Math.min(dealId.length(), 10)).replace("0x", "");
    }

    public List<String> lines() {
        return List.of(keyExport, download, decrypt);
    }
}
