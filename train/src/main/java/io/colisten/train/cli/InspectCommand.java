package io.colisten.train.cli;

import io.colisten.train.corpus.CorpusStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code colisten inspect DIR}: a corpus's statistics as JSON on stdout. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Print a corpus folder's statistics as JSON (snake_case keys; null where a file is absent):",
                "tracks, audio_hours, audio_unreadable, users, plays, play_lines, colisten_edges, degree_min, "
                        + "degree_median, degree_max, truth_facts, truth_tags, truth_tag_counts."})
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The corpus folder.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "DIR: " + dir + " is not a folder");
        }
        CorpusStats stats = CorpusStats.of(dir, m -> spec.commandLine().getErr().println("colisten inspect: " + m));
        var out = spec.commandLine().getOut();
        out.println(stats.toJson());
        out.flush();
        return 0;
    }
}
