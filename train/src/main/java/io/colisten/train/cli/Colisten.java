package io.colisten.train.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command-line entry: {@code ./colisten COMMAND}. Each capability adds one subcommand.
 * Exit codes: 0 success, 1 the work failed, 2 usage error.
 */
@Command(name = "colisten", mixinStandardHelpOptions = true, version = "colisten 0.1.0",
        description = "Weakly-supervised content embeddings for music.",
        subcommands = {InfoCommand.class, WorldCommand.class, IngestCommand.class, InspectCommand.class,
                ModelsCommand.class, TrainCommand.class, DemoCommand.class, EvalCommand.class, WmfCommand.class,
                EmbedCommand.class, SimilarCommand.class, TagCommand.class, SearchCommand.class, DisambiguateCommand.class})
public final class Colisten implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by main and tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Colisten());
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            line.getErr().println("colisten " + line.getCommandName() + ": " + ex.getMessage());
            return 1;
        });
        return cl;
    }
}
