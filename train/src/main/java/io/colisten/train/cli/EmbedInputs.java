package io.colisten.train.cli;

import io.colisten.train.ingest.IngestItem;
import io.colisten.train.ingest.IngestSources;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The recordings that {@code embed} is given: a file stands for itself, with its path as given as
 * its id; a folder stands for the audio files under it (recursively, ingest's extensions, hidden
 * files and the output folder left out), each with its path relative to the folder as its id.
 * Two inputs with the same id are a usage error naming both files.
 */
final class EmbedInputs {
    record Listing(List<IngestItem> items, int ignoredFiles) {}

    private EmbedInputs() {}

    static Listing list(CommandLine cl, List<Path> inputs, Path out) throws IOException {
        List<IngestItem> items = new ArrayList<>();
        int ignored = 0;
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                IngestSources.Listing l = IngestSources.audioFolder(p, out);
                items.addAll(l.items());
                ignored += l.ignoredFiles();
            } else if (Files.isRegularFile(p)) {
                items.add(new IngestItem(p.toString(), p));
            } else {
                throw new CommandLine.ParameterException(cl, p + ": no such file or folder");
            }
        }
        Map<String, Path> seen = new HashMap<>();
        for (IngestItem it : items) {
            Path before = seen.putIfAbsent(it.id(), it.file());
            if (before != null) {
                throw new CommandLine.ParameterException(cl, "two inputs have the id '" + it.id() + "': " + before + " and "
                        + it.file() + " (embed the folders one at a time, or give the files themselves)");
            }
        }
        if (items.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "no audio files among " + inputs + (ignored > 0
                    ? " (" + ignored + " files without an audio extension were passed over)" : ""));
        }
        return new Listing(items, ignored);
    }
}
