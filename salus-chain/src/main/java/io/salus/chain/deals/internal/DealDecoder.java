package io.salus.chain.deals.internal;

import io.salus.chain.internal.Abi;
import io.salus.contracts.generated.DataDeals;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.DealEvent;
import io.salus.core.deal.DealState;
import io.salus.core.deal.DealStatus;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Role;
import io.salus.core.deal.Split;
import io.salus.core.deal.SplitPolicy;
import io.salus.core.merkle.Hash32;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * Decodes DataDeals' {@code dealOf}, DealPolicy's {@code current} and the DataDeals events. Deals or events whose
 * numbers do not fit the domain (amounts beyond 63 bits, a purpose this node does not know: never posted through this
 * node) decode to nothing. Thread-safe.
 */
public final class DealDecoder {
    public static final String POSTED = EventEncoder.encode(DataDeals.DEALPOSTED_EVENT);
    public static final String COMMITTED = EventEncoder.encode(DataDeals.COHORTCOMMITTED_EVENT);
    public static final String SETTLEMENT = EventEncoder.encode(DataDeals.SETTLEMENTRECORDED_EVENT);
    public static final String PAID = EventEncoder.encode(DataDeals.PAID_EVENT);
    public static final String KEY_RELEASED = EventEncoder.encode(DataDeals.KEYRELEASED_EVENT);
    public static final String REFUNDED = EventEncoder.encode(DataDeals.REFUNDED_EVENT);
    public static final List<String> TOPICS = List.of(POSTED, COMMITTED, SETTLEMENT, PAID, KEY_RELEASED, REFUNDED);

    private DealDecoder() {
    }

    /** The outputs of {@code dealOf}: the Deal struct's 19 static fields in order. */
    public static TypeReference<?>[] dealOutputs() {
        return new TypeReference<?>[]{new TypeReference<Address>() {
        }, new TypeReference<Uint64>() {
        }, new TypeReference<Uint8>() {
        }, new TypeReference<Uint8>() {
        }, new TypeReference<Uint128>() {
        }, new TypeReference<Uint64>() {
        }, new TypeReference<Uint32>() {
        }, new TypeReference<Uint32>() {
        }, new TypeReference<Uint128>() {
        }, new TypeReference<Uint128>() {
        }, new TypeReference<Bytes32>() {
        }, new TypeReference<Bytes32>() {
        }, new TypeReference<Bytes32>() {
        }, new TypeReference<Bytes32>() {
        }, uint16(), uint16(), uint16(), uint16(), uint16()};
    }

    /** The outputs of DealPolicy's {@code current}: five uint16. */
    public static TypeReference<?>[] policyOutputs() {
        return new TypeReference<?>[]{uint16(), uint16(), uint16(), uint16(), uint16()};
    }

    public static SplitPolicy policy(List<Object> v) {
        return new SplitPolicy(i(v.get(0)), i(v.get(1)), i(v.get(2)), i(v.get(3)), i(v.get(4)));
    }

    /** The deal from {@code dealOf}'s decoded values; empty if there is none (status 0) or it is not decodable. */
    public static Optional<DealState> deal(Hash32 dealId, List<Object> v) {
        Optional<DealStatus> status = DealStatus.fromChainCode(i(v.get(3)));
        Optional<Purpose> purpose = purpose(i(v.get(2)));
        if (status.isEmpty() || purpose.isEmpty() || !fits(v.get(4), v.get(8), v.get(9), v.get(1))) {
            return Optional.empty();
        }
        Split split = new Split(i(v.get(14)), i(v.get(15)), i(v.get(16)), i(v.get(17)), i(v.get(18)));
        DealTerms terms = new DealTerms(hash(v.get(10)), lng(v.get(1)), purpose.get(), lng(v.get(4)), i(v.get(6)),
                Instant.ofEpochSecond(lng(v.get(5))), split);
        return Optional.of(new DealState(dealId, new EvmAddress((String) v.get(0)), terms, status.get(),
                nonZero(hash(v.get(11))), i(v.get(7)), lng(v.get(8)), lng(v.get(9)), nonZero(hash(v.get(12))),
                nonZero(hash(v.get(13)))));
    }

    /** The event a log holds, if it is one of the DataDeals events above and decodable. */
    public static Optional<DealEvent> event(Log l) {
        List<String> t = l.getTopics();
        if (t.size() < 2) {
            return Optional.empty();
        }
        String topic = t.get(0).toLowerCase(Locale.ROOT);
        Hash32 id = Hash32.of(Numeric.hexStringToByteArray(t.get(1)));
        String tx = l.getTransactionHash();
        long block = l.getBlockNumber().longValueExact();
        int index = l.getLogIndex().intValueExact();
        if (topic.equals(POSTED)) {
            List<Object> d = Abi.decode(l.getData(), new TypeReference<Bytes32>() {
            }, new TypeReference<Uint64>() {
            }, new TypeReference<Uint8>() {
            }, new TypeReference<Uint128>() {
            }, new TypeReference<Uint32>() {
            }, new TypeReference<Uint64>() {
            }, uint16(), uint16(), uint16(), uint16(), uint16());
            Optional<Purpose> p = purpose(i(d.get(2)));
            if (p.isEmpty() || !fits(d.get(1), d.get(3))) {
                return Optional.empty();
            }
            Split split = new Split(i(d.get(6)), i(d.get(7)), i(d.get(8)), i(d.get(9)), i(d.get(10)));
            return Optional.of(new DealEvent.Posted(id, address(t.get(2)), hash(d.get(0)), lng(d.get(1)), p.get(),
                    lng(d.get(3)), i(d.get(4)), Instant.ofEpochSecond(lng(d.get(5))), split, tx, block, index));
        }
        if (topic.equals(COMMITTED)) {
            List<Object> d = Abi.decode(l.getData(), new TypeReference<Bytes32>() {
            });
            return Optional.of(new DealEvent.CohortCommitted(id, hash(d.get(0)), tx, block, index));
        }
        if (topic.equals(SETTLEMENT)) {
            List<Object> d = Abi.decode(l.getData(), new TypeReference<Bytes32>() {
            }, new TypeReference<Uint32>() {
            }, new TypeReference<Uint32>() {
            }, new TypeReference<Bool>() {
            });
            return Optional.of(new DealEvent.SettlementRecorded(id, hash(d.get(0)), i(d.get(1)), i(d.get(2)),
                    (Boolean) d.get(3), tx, block, index));
        }
        if (topic.equals(KEY_RELEASED)) {
            List<Object> d = Abi.decode(l.getData(), new TypeReference<Bytes32>() {
            }, new TypeReference<DynamicBytes>() {
            });
            return Optional.of(new DealEvent.KeyReleased(id, hash(d.get(0)), (byte[]) d.get(1), tx, block, index));
        }
        List<Object> amount = Abi.decode(l.getData(), new TypeReference<Uint256>() {
        });
        if (amount.isEmpty() || !fits(amount.get(0))) {
            return Optional.empty();
        }
        if (topic.equals(PAID) && t.size() == 4) {
            Optional<Role> role = Role.fromChainCode(Numeric.toBigInt(t.get(3)).intValueExact());
            return role.map(r -> new DealEvent.Paid(id, address(t.get(2)), r, lng(amount.get(0)), tx, block, index));
        }
        if (topic.equals(REFUNDED) && t.size() == 3) {
            return Optional.of(new DealEvent.Refunded(id, address(t.get(2)), lng(amount.get(0)), tx, block, index));
        }
        return Optional.empty();
    }

    private static TypeReference<Uint16> uint16() {
        return new TypeReference<Uint16>() {
        };
    }

    private static Optional<Purpose> purpose(int bit) {
        return Arrays.stream(Purpose.values()).filter(p -> p.bit() == bit).findFirst();
    }

    private static boolean fits(Object... values) {
        for (Object o : values) {
            if (num(o).bitLength() > 63) {
                return false;
            }
        }
        return true;
    }

    private static EvmAddress address(String topic) {
        return new EvmAddress("0x" + topic.substring(topic.length() - 40));
    }

    private static Optional<Hash32> nonZero(Hash32 h) {
        return h.equals(Hash32.ZERO) ? Optional.empty() : Optional.of(h);
    }

    private static Hash32 hash(Object o) {
        return Hash32.of((byte[]) o);
    }

    private static BigInteger num(Object o) {
        return (BigInteger) o;
    }

    private static long lng(Object o) {
        return num(o).longValueExact();
    }

    private static int i(Object o) {
        return num(o).intValueExact();
    }
}
