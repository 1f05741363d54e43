package io.salus.chain;

import java.nio.file.Path;

/** Runs a LocalChain in a child JVM until killed, for {@link OrphanIT}. Prints "READY" once anvil answers. */
public final class ChildChainMain {
    private ChildChainMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalChain chain = LocalChain.start(LocalChainConfig.of(Path.of(args[0]), Path.of(args[1])));
        System.out.println("READY " + chain.anvilPid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
