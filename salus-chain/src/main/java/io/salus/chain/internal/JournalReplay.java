package io.salus.chain.internal;

import io.salus.chain.TxJournal;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Hash;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Brings a restored chain forward: resends every journaled transaction the chain does not have and waits until they
 * are mined. Already included ones are skipped; "nonce too low" and "already known" answers are tolerated.
 */
public final class JournalReplay {
    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);

    private JournalReplay() {
    }

    /** The distinct senders of the journaled transactions (they need funds before the replay). */
    public static Set<String> senders(List<String> entries) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : entries) {
            decodeSender(raw).ifPresent(out::add);
        }
        return out;
    }

    /** Replays the journal and returns how many transactions were resent. */
    public static int replay(Rpc rpc, TxJournal journal, Duration timeout, Consumer<String> fund) throws IOException {
        List<String> entries = journal.entries();
        senders(entries).forEach(fund);
        List<String> sent = new ArrayList<>();
        for (String raw : entries) {
            String hash = Hash.sha3(raw);
            if (decodeSender(raw).isEmpty() || receipt(rpc, hash).isPresent()) {
                continue;
            }
            EthSendTransaction r = rpc.web3j().ethSendRawTransaction(raw).send();
            if (!r.hasError()) {
                sent.add(hash);
            } else if (!TxSender.isAlreadyKnown(r.getError().getMessage())) {
                LOG.debug("journal replay skipped {}: {}", hash, r.getError().getMessage());
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String hash : sent) {
            while (receipt(rpc, hash).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("replayed transaction " + hash + " was not mined in " + timeout);
                }
                sleep();
            }
        }
        if (!sent.isEmpty()) {
            LOG.info("replayed {} journaled transactions of {}", sent.size(), entries.size());
        }
        return sent.size();
    }

    /** The block a journaled transaction was mined in, if it was. */
    public static Optional<BigInteger> minedIn(Rpc rpc, String raw) throws IOException {
        return receipt(rpc, Hash.sha3(raw)).map(TransactionReceipt::getBlockNumber);
    }

    private static Optional<TransactionReceipt> receipt(Rpc rpc, String hash) throws IOException {
        return rpc.web3j().ethGetTransactionReceipt(hash).send().getTransactionReceipt();
    }

    private static Optional<String> decodeSender(String raw) {
        try {
            if (TransactionDecoder.decode(raw) instanceof SignedRawTransaction s) {
                return Optional.of(s.getFrom());
            }
        } catch (RuntimeException | java.security.SignatureException e) {
            LOG.debug("journal entry is not a signed transaction: {}", e.toString());
        }
        return Optional.empty();
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during journal replay", e);
        }
    }
}
