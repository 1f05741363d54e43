package io.salus.zk;

import java.nio.file.Path;

/** The salus-zk module directory (set by the build as {@code salus.zk.home}). */
final class ZkHome {
    private ZkHome() {
    }

    static Path dir() {
        return Path.of(System.getProperty("salus.zk.home", ".")).toAbsolutePath().normalize();
    }

    static ZkArtifacts artifacts() {
        return ZkArtifacts.inModule(dir());
    }
}
