#!/usr/bin/env python3
"""Aggregates a JFR recording's samples for one code path (used for docs/benchmarks.md's profiles).

    jfr-top.py RECORDING.jfr MARKER [--depth 96] [--top 25]

MARKER is a frame substring (e.g. DepositService.deposit): only stacks that contain it count.
Prints, for jdk.ExecutionSample (CPU samples of Java code): the top (innermost) frames, and the samples
attributed to the innermost frame of a set of buckets (first matching class prefix from the top);
for jdbi.statement events (wall time of every SQL statement): the time per statement text.
Needs the JDK's `jfr` tool (JAVA_HOME/bin/jfr or on the PATH).
"""
import collections
import os
import re
import subprocess
import sys

BUCKETS = [
    ("HPKE (X25519 key agreement, HKDF)", ("org.bouncycastle.math.ec.rfc7748", "io.salus.crypto.internal.HpkeSender",
                                           "io.salus.crypto.internal.Hpke")),
    ("KEK wrap (Tink AES-GCM)", ("com.google.crypto.tink", "io.salus.crypto.internal.Kek")),
    ("AES-GCM record encryption", ("io.salus.crypto.internal.RawAesGcm", "com.sun.crypto.provider")),
    ("hashing (SHA-256, Keccak, HMAC)", ("sun.security.provider.SHA", "io.salus.core.merkle", "org.bouncycastle.crypto.digests",
                                        "io.salus.crypto.internal.DerivedKeys", "javax.crypto.Mac")),
    ("FHIR R4 validator", ("org.hl7.fhir.r5", "org.hl7.fhir.validation", "org.hl7.fhir.r4.utils", "io.salus.fhir.validation")),
    ("HAPI parse + bundle rules", ("ca.uhn.fhir", "org.hl7.fhir", "io.salus.fhir", "com.google.gson", "com.fasterxml")),
    ("feature extraction / codec", ("io.salus.fhir.FeatureExtractor", "io.salus.store.internal.FeatureCodec",
                                    "io.salus.core.cohort")),
    ("JDBC / PostgreSQL driver", ("org.postgresql",)),
    ("Jdbi", ("org.jdbi",)),
    ("connection pool", ("com.zaxxer",)),
]


def jfr():
    home = os.environ.get("JAVA_HOME")
    return os.path.join(home, "bin", "jfr") if home else "jfr"


def events(recording, kind, depth):
    out = subprocess.run([jfr(), "print", "--stack-depth", str(depth), "--events", kind, recording],
                         capture_output=True, text=True, check=True).stdout
    for block in out.split("\n" + kind + " {")[1:]:
        fields = {}
        frames = []
        in_stack = False
        for line in block.splitlines():
            s = line.strip()
            if s.startswith("stackTrace = ["):
                in_stack = True
            elif in_stack and s == "]":
                in_stack = False
            elif in_stack and s != "...":
                frames.append(re.sub(r"\(.*", "", s))
            elif " = " in s:
                k, v = s.split(" = ", 1)
                fields[k] = v
        yield fields, frames


def bucket(frames):
    for f in frames:
        for name, prefixes in BUCKETS:
            if f.startswith(prefixes):
                return name
        if f.startswith("io.salus"):
            return "Salus code: " + f.rsplit(".", 1)[0].rsplit(".", 1)[-1]
    return "JDK / other: " + (frames[0].rsplit(".", 1)[0] if frames else "?")


def millis(text):
    n, unit = text.split(" ")[:2]
    n = float(n)
    return {"s": 1000.0, "ms": 1.0, "us": 0.001, "ns": 0.000001}.get(unit, 1.0) * n


def main():
    args = sys.argv[1:]
    depth, top = 96, 25
    if "--depth" in args:
        i = args.index("--depth"); depth = int(args[i + 1]); del args[i:i + 2]
    if "--top" in args:
        i = args.index("--top"); top = int(args[i + 1]); del args[i:i + 2]
    recording, marker = args
    tops, buckets, total = collections.Counter(), collections.Counter(), 0
    for _, frames in events(recording, "jdk.ExecutionSample", depth):
        if not any(marker in f for f in frames):
            continue
        total += 1
        tops[frames[0]] += 1
        buckets[bucket(frames)] += 1
    print(f"## CPU samples (jdk.ExecutionSample) in stacks with {marker}: {total}\n")
    print("| where (innermost matching bucket) | samples | share |\n| --- | --- | --- |")
    for k, v in buckets.most_common(top):
        print(f"| {k} | {v} | {100.0 * v / max(total, 1):.1f} % |")
    print("\n| top frame | samples | share |\n| --- | --- | --- |")
    for k, v in tops.most_common(top):
        print(f"| `{k}` | {v} | {100.0 * v / max(total, 1):.1f} % |")
    sql, count, wall = collections.Counter(), collections.Counter(), 0.0
    for fields, frames in events(recording, "jdbi.statement", depth):
        if not any(marker in f for f in frames):
            continue
        text = " ".join(fields.get("sql", "?").strip('"').split())[:90]
        ms = millis(fields.get("duration", "0 ms"))
        sql[text] += ms
        count[text] += 1
        wall += ms
    print(f"\n## SQL wall time (jdbi.statement) in stacks with {marker}: {wall / 1000:.1f} s\n")
    print("| statement | count | total s | mean ms | share |\n| --- | --- | --- | --- | --- |")
    for k, v in sql.most_common(top):
        print(f"| `{k}` | {count[k]} | {v / 1000:.1f} | {v / count[k]:.2f} | {100.0 * v / max(wall, 1e-9):.1f} % |")


if __name__ == "__main__":
    main()
