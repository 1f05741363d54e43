package io.salus.node.market;

import io.salus.core.deal.StagedPackage;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.port.DealPackages;
import io.salus.core.port.KeyManager;
import io.salus.crypto.KeyReleasePackage;
import io.salus.fhir.deid.BulkPackage;
import io.salus.fhir.deid.BulkPackageWriter;
import io.salus.fhir.deid.DateShifts;
import io.salus.fhir.deid.DealKey;
import io.salus.fhir.deid.DeidentifiedPatient;
import io.salus.fhir.deid.Deidentifier;
import io.salus.fhir.deid.PatientOptions;
import io.salus.platform.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The {@link DealPackages} on files: each patient de-identified with the deal's key, their deal pseudonym as Patient
 * id and one date shift per (patient, consumer organisation) ({@link DateShifts}); all of them packed as FHIR Bulk
 * Data NDJSON ({@link BulkPackageWriter}); the zip encrypted under a fresh content key with an empty key slot
 * ({@link KeyReleasePackage}) into {@code <dir>/<deal id>/package.staged} (owner-only, written whole or not at all by
 * {@link AtomicFiles}), the plaintext zip deleted. The content key is returned sealed under the KEK and wrapped to
 * the consumer, then wiped. Serving fills the key slot with the key the caller got from the chain. Thread-safe.
 */
public final class BulkDataDealPackages implements DealPackages {
    private static final String STAGED = "package.staged";
    private final Path dir;
    private final Deidentifier deidentifier;
    private final KeyReleasePackage crypto;
    private final KeyManager keys;
    private final DateShifts shifts;

    public BulkDataDealPackages(Path dir, Deidentifier deidentifier, KeyReleasePackage crypto, KeyManager keys,
            DateShifts shifts) {
        this.dir = dir;
        this.deidentifier = deidentifier;
        this.crypto = crypto;
        this.keys = keys;
        this.shifts = shifts;
    }

    @Override
    public Result<StagedPackage> stage(Request request, List<PatientData> patients) {
        DealKey key = DealKey.of(request.dealId().hex(), request.dealSecret());
        List<Result<DeidentifiedPatient>> done = patients.parallelStream()
                .map(p -> deidentifier.deidentify(key, p.fhirPatientId(), p.records(), new PatientOptions(
                        p.pseudonym().hex().substring(2), shifts.days(request.organisation(), p.patient().toString()))))
                .toList();
        List<DeidentifiedPatient> deidentified = new ArrayList<>();
        for (Result<DeidentifiedPatient> r : done) {
            if (!r.isOk()) {
                return r.propagate();
            }
            deidentified.add(r.orElseThrow());
        }
        deidentified.sort(Comparator.comparing(DeidentifiedPatient::patientId));
        Path dealDir = dealDir(request.dealId());
        try {
            Files.createDirectories(dealDir);
            Path zip = Files.createTempFile(dealDir, "plain-", ".zip");
            try {
                BulkPackage pkg = BulkPackageWriter.write(request.dealId().hex(), request.transactionTime(),
                        deidentified, zip);
                return Result.ok(seal(request, dealDir, zip, pkg));
            } finally {
                Files.deleteIfExists(zip);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the package of deal " + request.dealId(), e);
        }
    }

    @Override
    public Result<StagedPackage> stageContent(Request request, byte[] content, int patients) {
        Path dealDir = dealDir(request.dealId());
        try {
            Files.createDirectories(dealDir);
            Path plain = Files.createTempFile(dealDir, "plain-", ".json");
            try {
                Files.write(plain, content);
                return Result.ok(seal(request, dealDir, plain, Hashing.keccak256(content), patients));
            } finally {
                Files.deleteIfExists(plain);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the result of deal " + request.dealId(), e);
        }
    }

    private StagedPackage seal(Request request, Path dealDir, Path zip, BulkPackage pkg) throws IOException {
        return seal(request, dealDir, zip, pkg.keccak256(), pkg.patients());
    }

    private StagedPackage seal(Request request, Path dealDir, Path zip, Hash32 keccak, int patients)
            throws IOException {
        Path target = dealDir.resolve(STAGED);
        MessageDigest sha256 = sha256();
        KeyReleasePackage.Staged staged;
        try (AtomicFiles.Pending file = AtomicFiles.begin(target)) {
            try (InputStream in = Files.newInputStream(zip);
                    OutputStream out = new DigestOutputStream(file.out(), sha256)) {
                staged = crypto.stage(in, out);
            }
            file.commit();
        }
        try {
            byte[] wrapped = crypto.wrap(staged.contentKey(), staged.prefix(), request.consumerPublicKey());
            byte[] sealed = keys.sealSecret(staged.contentKey(), StagedPackage.contentKeyPurpose(request.dealId()));
            return new StagedPackage(keccak, Hash32.of(sha256.digest()), Files.size(target), patients, sealed,
                    wrapped);
        } finally {
            Arrays.fill(staged.contentKey(), (byte) 0);
        }
    }

    @Override
    public Optional<byte[]> released(Hash32 dealId, byte[] wrappedKey) {
        Path staged = dealDir(dealId).resolve(STAGED);
        if (!Files.isRegularFile(staged)) {
            return Optional.empty();
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(staged), 1 << 16)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
                    Files.size(staged) + 128));
            KeyReleasePackage.release(in, out, wrappedKey);
            return Optional.of(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the package of deal " + dealId, e);
        }
    }

    @Override
    public void discard(Hash32 dealId) {
        Path d = dealDir(dealId);
        if (!Files.isDirectory(d)) {
            return;
        }
        try (var files = Files.list(d)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(d);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the package of deal " + dealId, e);
        }
    }

    private Path dealDir(Hash32 dealId) {
        return dir.resolve(dealId.hex());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

}
