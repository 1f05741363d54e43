package io.salus.node.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "device", mixinStandardHelpOptions = true, description = "A patient's device data through a running node.", subcommands = {
        DeviceCommand.Import.class})
final class DeviceCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Import readings from an export into the patient's record, sealed and anchored: "
            + "Apple Health's export.xml (apple-health) or a FHIR Bundle of Observations (fhir-bundle). "
            + "Importing the same file again stores nothing new.")
    static final class Import implements Callable<Integer> {
        @Mixin
        ApiClient api = new ApiClient();
        @Option(names = "--patient", required = true, description = "Patient account id (the token's own, or a patient the provider cares for).")
        String patient;
        @Option(names = "--format", required = true, description = "apple-health or fhir-bundle.")
        String format;
        @Option(names = "--file", required = true, description = "The export file (streamed to the node).")
        Path file;

        @Override
        public Integer call() {
            if (!Files.isReadable(file)) {
                System.err.println("Cannot read " + file + ".");
                return 2;
            }
            String type = "apple-health".equals(format) ? "application/xml" : "application/fhir+json";
            return api.upload("/patients/" + patient + "/readings/imports?format=" + format, file, type);
        }
    }
}
