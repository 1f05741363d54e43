package io.salus.store.internal;

import io.salus.core.cohort.Feature;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.cohort.FeatureStore.RecordFeatures;
import io.salus.core.cohort.PatientFacts;
import io.salus.core.record.RecordId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The bytes cohort features and patient facts are sealed as: a version byte, then the values in a fixed binary layout
 * (record ids as two longs, strings as modified UTF-8, values as IEEE doubles, dates as epoch days). Only ever read
 * back after opening the seal, so a malformed input is a fault, not an expected failure. Stateless.
 */
public final class FeatureCodec {
    private static final int VERSION = 1;
    private static final int HAS_VALUE = 1;
    private static final int HAS_UNIT = 2;
    private static final int HAS_DATE = 4;
    private static final int HAS_BIRTH_DATE = 1;
    private static final int HAS_SEX = 2;

    private FeatureCodec() {
    }

    public static byte[] encode(List<RecordFeatures> records) {
        return write(out -> {
            out.writeInt(records.size());
            for (RecordFeatures r : records) {
                out.writeLong(r.record().value().getMostSignificantBits());
                out.writeLong(r.record().value().getLeastSignificantBits());
                out.writeInt(r.features().size());
                for (Feature f : r.features()) {
                    out.writeByte(f.kind().ordinal());
                    out.writeUTF(f.system());
                    out.writeUTF(f.code());
                    out.writeByte((f.value().isPresent() ? HAS_VALUE : 0) | (f.unit().isPresent() ? HAS_UNIT : 0)
                            | (f.date().isPresent() ? HAS_DATE : 0));
                    if (f.value().isPresent()) {
                        out.writeDouble(f.value().get());
                    }
                    if (f.unit().isPresent()) {
                        out.writeUTF(f.unit().get());
                    }
                    if (f.date().isPresent()) {
                        out.writeLong(f.date().get().toEpochDay());
                    }
                }
            }
        });
    }

    public static List<RecordFeatures> decode(byte[] bytes) {
        return read(bytes, in -> {
            int records = in.readInt();
            List<RecordFeatures> out = new ArrayList<>(records);
            for (int i = 0; i < records; i++) {
                RecordId id = new RecordId(new UUID(in.readLong(), in.readLong()));
                int n = in.readInt();
                List<Feature> features = new ArrayList<>(n);
                for (int j = 0; j < n; j++) {
                    FeatureKind kind = FeatureKind.values()[in.readUnsignedByte()];
                    String system = in.readUTF();
                    String code = in.readUTF();
                    int flags = in.readUnsignedByte();
                    Optional<Double> value = (flags & HAS_VALUE) != 0 ? Optional.of(in.readDouble()) : Optional.empty();
                    Optional<String> unit = (flags & HAS_UNIT) != 0 ? Optional.of(in.readUTF()) : Optional.empty();
                    Optional<LocalDate> date = (flags & HAS_DATE) != 0
                            ? Optional.of(LocalDate.ofEpochDay(in.readLong()))
                            : Optional.empty();
                    features.add(new Feature(kind, system, code, value, unit, date));
                }
                out.add(new RecordFeatures(id, features));
            }
            return out;
        });
    }

    public static byte[] encode(PatientFacts facts) {
        return write(out -> {
            out.writeByte(
                    (facts.birthDate().isPresent() ? HAS_BIRTH_DATE : 0) | (facts.sex().isPresent() ? HAS_SEX : 0));
            if (facts.birthDate().isPresent()) {
                out.writeLong(facts.birthDate().get().toEpochDay());
            }
            if (facts.sex().isPresent()) {
                out.writeUTF(facts.sex().get());
            }
        });
    }

    public static PatientFacts decodeFacts(byte[] bytes) {
        return read(bytes, in -> {
            int flags = in.readUnsignedByte();
            Optional<LocalDate> birth = (flags & HAS_BIRTH_DATE) != 0
                    ? Optional.of(LocalDate.ofEpochDay(in.readLong()))
                    : Optional.empty();
            Optional<String> sex = (flags & HAS_SEX) != 0 ? Optional.of(in.readUTF()) : Optional.empty();
            return new PatientFacts(birth, sex);
        });
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> r) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readUnsignedByte() != VERSION) {
                throw new IllegalStateException("unknown sealed feature format");
            }
            T value = r.read(in);
            if (in.available() != 0) {
                throw new IllegalStateException("trailing bytes after sealed features");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalStateException("malformed sealed features", e);
        }
    }
}
