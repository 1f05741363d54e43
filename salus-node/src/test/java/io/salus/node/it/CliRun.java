package io.salus.node.it;

import io.salus.node.cli.SalusCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs the command line in-process and captures what it prints (one command at a time: System.out is shared). */
public final class CliRun {
    private CliRun() {
    }

    /** A command's exit code and standard output. */
    public record Run(int code, String out) {
    }

    public static synchronized Run run(List<String> command, String[]... more) {
        List<String> args = new ArrayList<>(command);
        for (String[] m : more) {
            args.addAll(Arrays.asList(m));
        }
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            return new Run(SalusCli.run(args.toArray(String[]::new)), buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
