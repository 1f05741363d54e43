package io.salus.chain.internal;

import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;

/**
 * ABI encoding of contract calls. web3j's {@link Function} takes a raw {@code List<Type>}; this is the one place that
 * touches it. Stateless and thread-safe.
 */
@SuppressWarnings("rawtypes")
public final class Abi {
    private Abi() {
    }

    /** Encodes a call of {@code name} with the given arguments. */
    public static String encode(String name, Type... args) {
        return FunctionEncoder.encode(new Function(name, List.<Type>of(args), List.of()));
    }

    /** Encodes constructor arguments (appended to a contract's binary). */
    public static String encodeConstructor(Type... args) {
        return FunctionEncoder.encodeConstructor(List.<Type>of(args));
    }

    /** Decodes the return data of a call into values of the given types. */
    public static List<Object> decode(String returnData, TypeReference<?>... outputs) {
        Function f = new Function("decode", List.of(), List.of(outputs));
        return FunctionReturnDecoder.decode(returnData, f.getOutputParameters()).stream()
                .map(t -> t.getValue()).toList();
    }
}
