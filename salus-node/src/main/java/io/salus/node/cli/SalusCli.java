package io.salus.node.cli;

import io.salus.node.config.NodeSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./salus} command line. */
@Command(name = "salus", mixinStandardHelpOptions = true, version = "Salus 0.1.0", description = "Patient-owned health data bank on a permissioned chain.", subcommands = {
        DemoCommand.class, NodeCommand.class, GenerateCommand.class, KeysCommand.class,
        DeployContractsCommand.class, SettingsCommand.class, ConsentCommand.class, AccessCommand.class,
        DealCommand.class, DelegationCommand.class, RecordsCommand.class, RecoveryCommand.class,
        CredentialCommand.class, EmergencyCommand.class, LicenceCommand.class, TrialCommand.class, JobCommand.class,
        StudyCommand.class, CustodyCommand.class, DeviceCommand.class, DaoCommand.class, ClaimCommand.class,
        InstanceCommand.class, AllianceCommand.class, MoveCommand.class})
public final class SalusCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cl = new CommandLine(new SalusCli());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("salus: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (NodeSettings.debugFromEnvironment()) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
