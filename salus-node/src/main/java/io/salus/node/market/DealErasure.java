package io.salus.node.market;

import io.salus.core.account.AccountId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Erasure in the staged deal files under {@code <data dir>/deals/}: every deal that matched the patient loses the
 * patient's member row (patient id, address and pseudonym), so a deal not yet delivered no longer includes or pays
 * them; a deal past delivery also loses its per-deal secret, so the patient's pseudonym in the consumer's package can no
 * longer be recomputed from their address; plaintext left behind by an interrupted delivery ({@code pkg*.zip}) is
 * deleted. The delivered package itself is ciphertext to the consumer, which the node cannot open or edit; it stays.
 * Runs under the deals' own lock, so no match or delivery is in progress. Idempotent. Thread-safe.
 */
public final class DealErasure {
    private static final List<String> OPEN = List.of("POSTED", "MATCHED");
    private final Deals deals;
    private final DealFiles files;
    private final Path root;

    public DealErasure(Deals deals, DealFiles files) {
        this.deals = deals;
        this.files = files;
        this.root = files.root();
    }

    /** Unlinks the patients from every staged deal; the number of deal files changed. */
    public int unlink(Collection<AccountId> patients) {
        Set<String> ids = patients.stream().map(AccountId::toString).collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return 0;
        }
        synchronized (deals) {
            if (!Files.isDirectory(root)) {
                return 0;
            }
            int changed = 0;
            for (Path dir : dealDirs()) {
                Optional<DealRecord> read = files.read(dir.getFileName().toString());
                if (read.isEmpty()) {
                    continue;
                }
                DealRecord d = read.get();
                List<DealRecord.Member> kept = d.matched().stream()
                        .filter(m -> !ids.contains(m.patientId())).toList();
                if (kept.size() == d.matched().size()) {
                    continue;
                }
                String secret = OPEN.contains(d.status()) ? d.secretHex() : "";
                files.write(new DealRecord(d.dealId(), d.consumerId(), d.criteria(), d.categories(), d.purpose(),
                        d.pricePerPatient(), d.maxPatients(), d.deadline(), d.split(), secret, d.status(), kept,
                        d.packageHash(), d.delivered(), d.settlementTxs()));
                deleteStagedPlaintext(dir);
                changed++;
            }
            return changed;
        }
    }

    private List<Path> dealDirs() {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root, Files::isDirectory)) {
            s.forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return out;
    }

    private static void deleteStagedPlaintext(Path dir) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "pkg*.zip")) {
            for (Path p : s) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
    }
}
