package io.salus.core.consent;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.ToIntFunction;

/** Sets of enum constants as the bit masks the contracts store (one bit a constant). Stateless. */
final class BitMasks {
    private BitMasks() {
    }

    static <E extends Enum<E>> int of(Set<E> set, ToIntFunction<E> mask) {
        int m = 0;
        for (E e : set) {
            m |= mask.applyAsInt(e);
        }
        return m;
    }

    static <E extends Enum<E>> Set<E> from(Class<E> type, int bits, ToIntFunction<E> mask) {
        Set<E> s = EnumSet.noneOf(type);
        for (E e : type.getEnumConstants()) {
            if ((bits & mask.applyAsInt(e)) != 0) {
                s.add(e);
            }
        }
        return s;
    }
}
