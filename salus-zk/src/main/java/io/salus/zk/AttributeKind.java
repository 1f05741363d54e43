package io.salus.zk;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What a signed attribute is about, named by text (its field element is {@link AttributeCodes#text}): a diagnosis
 * ({@code condition}, value: the code's element), a birth date ({@code birthDate}, value: yyyymmdd) or an observation
 * ({@code observation|<system>|<code>}, value: a scaled non-negative integer).
 */
public record AttributeKind(String name) {
    public static final AttributeKind CONDITION = new AttributeKind("condition");
    public static final AttributeKind BIRTH_DATE = new AttributeKind("birthDate");

    public AttributeKind {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an attribute kind has a name");
        }
    }

    /** The kind of an observation's value, e.g. {@code observation("http://loinc.org", "4548-4")} for HbA1c. */
    public static AttributeKind observation(String system, String code) {
        return new AttributeKind("observation|" + system + "|" + code);
    }

    public BigInteger element() {
        return AttributeCodes.text(name);
    }
}
