package io.colisten.nn.text;

import io.colisten.engine.io.AtomicTextWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code vocab.tsv}: UTF-8, one header line, then one line per term in id order.
 * <pre>
 * # colisten-vocabulary	k=100000	size=100000	tokenizer=colisten-text-1	count=recordings	corpus=/data/corpus
 * 0	love	183344
 * 1	the	170021
 * 2	love song	9120
 * </pre>
 * Header: tab-separated {@code key=value} after the {@code # colisten-vocabulary} tag: K asked for,
 * the number of terms, the tokeniser version (a file from another version is refused, since its
 * terms would not match what this tokeniser produces), what the count means (recordings containing
 * the term), and the corpus (tabs and line breaks in it replaced by spaces). Lines: id, term,
 * count, separated by single tabs. Terms never hold tabs or line breaks (the tokeniser splits on
 * them). Written atomically; read back exactly, with every line checked.
 */
final class VocabularyFile {
    static final String TAG = "# colisten-vocabulary";
    static final String COUNT_MEANING = "recordings";

    private VocabularyFile() {}

    static void write(Vocabulary v, Path file) throws IOException {
        try (AtomicTextWriter a = new AtomicTextWriter(file)) {
            Writer w = a.writer();
            w.write(TAG + "\tk=" + v.k() + "\tsize=" + v.size() + "\ttokenizer=" + v.tokenizer()
                    + "\tcount=" + COUNT_MEANING + "\tcorpus=" + v.corpus().replaceAll("[\t\r\n]", " ") + "\n");
            v.writeLines(w);
            a.commit();
        }
    }

    static Vocabulary read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new TextFormatException(file + ": no such file");
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            if (line == null || !line.startsWith(TAG + "\t")) {
                throw error(file, 1, "expected a header starting with '" + TAG + "'");
            }
            Map<String, String> h = header(file, line);
            int k = intValue(file, h, "k");
            int size = intValue(file, h, "size");
            String tokenizer = h.get("tokenizer");
            if (!Tokenizer.VERSION.equals(tokenizer)) {
                throw error(file, 1, "built with tokenizer '" + tokenizer + "', this program uses '"
                        + Tokenizer.VERSION + "': rebuild the vocabulary");
            }
            if (!COUNT_MEANING.equals(h.get("count"))) {
                throw error(file, 1, "count must be '" + COUNT_MEANING + "'");
            }
            if (size > k) {
                throw error(file, 1, "size " + size + " exceeds k " + k);
            }
            List<String> terms = new ArrayList<>(size);
            long[] counts = new long[size];
            Set<String> seen = new HashSet<>();
            Vocabulary.Entry previous = null;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                int id = terms.size();
                String[] f = line.split("\t", -1);
                if (f.length != 3) {
                    throw error(file, lineNo, "expected id<TAB>term<TAB>count, found " + f.length + " fields");
                }
                if (!f[0].equals(Integer.toString(id))) {
                    throw error(file, lineNo, "expected id " + id + ", found '" + f[0] + "'");
                }
                String problem = Vocabulary.termProblem(f[1]);
                if (problem != null) {
                    throw error(file, lineNo, "term " + problem);
                }
                long count;
                try {
                    count = Long.parseLong(f[2]);
                } catch (NumberFormatException e) {
                    count = 0;
                }
                if (count < 1 || !f[2].equals(Long.toString(count))) {
                    throw error(file, lineNo, "count must be a positive integer, found '" + f[2] + "'");
                }
                Vocabulary.Entry e = new Vocabulary.Entry(f[1], count);
                if (previous != null && Vocabulary.ORDER.compare(previous, e) >= 0) {
                    throw error(file, lineNo, "out of order: terms go by count descending, then UTF-8 bytes ascending");
                }
                if (!seen.add(f[1])) {
                    throw error(file, lineNo, "term '" + f[1] + "' appears twice");
                }
                if (id == size) {
                    throw error(file, lineNo, "more terms than the header's size " + size);
                }
                terms.add(f[1]);
                counts[id] = count;
                previous = e;
            }
            if (terms.size() != size) {
                throw error(file, lineNo, "header says " + size + " terms, file has " + terms.size());
            }
            return new Vocabulary(terms, counts, k, h.getOrDefault("corpus", ""), tokenizer);
        }
    }

    private static Map<String, String> header(Path file, String line) {
        Map<String, String> h = new HashMap<>();
        String[] parts = line.split("\t", -1);
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw error(file, 1, "header field '" + parts[i] + "' is not key=value");
            }
            h.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        for (String key : List.of("k", "size", "tokenizer", "count", "corpus")) {
            if (!h.containsKey(key)) {
                throw error(file, 1, "header lacks '" + key + "='");
            }
        }
        return h;
    }

    private static int intValue(Path file, Map<String, String> h, String key) {
        try {
            int v = Integer.parseInt(h.get(key));
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(file, 1, key + " must be a non-negative integer, found '" + h.get(key) + "'");
    }

    private static TextFormatException error(Path file, int line, String problem) {
        return new TextFormatException(file + ":" + line + ": " + problem);
    }
}
