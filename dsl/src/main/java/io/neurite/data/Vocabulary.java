package io.neurite.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A word vocabulary built from training texts. Tokens are lower-cased runs of letters, digits and apostrophes.
 * Index 0 is padding, 1 is any word outside the vocabulary, 2.. are the most frequent words (ties broken
 * alphabetically), so the same texts always give the same indices.
 */
public final class Vocabulary {
    public static final int PAD = 0;
    public static final int UNKNOWN = 1;
    /** The sentence marks of {@link #withSentenceMarks}: begin (index 2) and end (index 3) of sentence. */
    public static final String BEGIN = "<bos>", END = "<eos>";
    /** BERT's marks of {@link #withBertMarks}: class (index 2), separator (3) and mask (4). */
    public static final String CLS = "<cls>", SEP = "<sep>", MASK = "<mask>";

    private final List<String> words;
    private final Map<String, Integer> index;

    private Vocabulary(List<String> words) {
        this.words = List.copyOf(words);
        this.index = new HashMap<>();
        for (int i = 0; i < words.size(); i++) index.put(words.get(i), i + 2);
    }

    /** The {@code maxWords} most frequent tokens of {@code texts}. */
    public static Vocabulary build(List<String> texts, int maxWords) {
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) for (String w : tokens(text)) counts.merge(w, 1, Integer::sum);
        List<String> sorted = new ArrayList<>(counts.keySet());
        sorted.sort(Comparator.<String>comparingInt(counts::get).reversed().thenComparing(Comparator.naturalOrder()));
        return new Vocabulary(sorted.subList(0, Math.min(maxWords, sorted.size())));
    }

    /**
     * As {@link #build}, with {@link #BEGIN} at index 2 and {@link #END} at index 3 before the words: the vocabulary
     * of a decoder's target sentences (which start from {@code <bos>} and stop at {@code <eos>}).
     */
    public static Vocabulary withSentenceMarks(List<String> texts, int maxWords) {
        return withMarks(List.of(BEGIN, END), texts, maxWords);
    }

    /**
     * As {@link #build}, with {@link #CLS} at index 2, {@link #SEP} at 3 and {@link #MASK} at 4 before the words: the
     * vocabulary of BERT's inputs {@code <cls>} A {@code <sep>} B {@code <sep>} with masked words.
     */
    public static Vocabulary withBertMarks(List<String> texts, int maxWords) {
        return withMarks(List.of(CLS, SEP, MASK), texts, maxWords);
    }

    private static Vocabulary withMarks(List<String> marks, List<String> texts, int maxWords) {
        List<String> words = new ArrayList<>(marks);
        words.addAll(build(texts, maxWords).words);
        return new Vocabulary(words);
    }

    /** The word at {@code index}: {@code <pad>} for 0, {@code <unk>} for 1 and for indices outside the vocabulary. */
    public String word(int index) {
        if (index == PAD) return "<pad>";
        return index >= 2 && index < size() ? words.get(index - 2) : "<unk>";
    }

    /** Lower-cased word tokens of a text. */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String t : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }

    /** Number of indices used, padding and unknown included (an embedding layer's input size). */
    public int size() { return words.size() + 2; }

    /** Index of a word (lower case), or {@link #UNKNOWN}. */
    public int indexOf(String word) { return index.getOrDefault(word, UNKNOWN); }

    /** Word indices of a text, cut or right-padded with {@link #PAD} to {@code length}. */
    public int[] encode(String text, int length) {
        int[] out = new int[length];
        List<String> t = tokens(text);
        for (int i = 0; i < Math.min(length, t.size()); i++) out[i] = indexOf(t.get(i));
        return out;
    }

    /** Index sequences [n, length] for an embedding layer. */
    public INDArray sequences(List<String> texts, int length) {
        INDArray out = Nd4j.zeros(DataType.FLOAT, texts.size(), length);
        for (int i = 0; i < texts.size(); i++) {
            int[] e = encode(texts.get(i), length);
            for (int j = 0; j < length; j++) out.putScalar(i, j, e[j]);
        }
        return out;
    }

    /**
     * The mask [n, steps] of index sequences {@code ids} [n, steps]: 1 for a word, 0 for {@link #PAD}, the first step
     * always 1 so that a text without words is still read (as one padding step) rather than not at all. With it, a
     * padded sequence is read as its words alone ({@code model.predict(ids, mask)}, {@code Dataset.withMask}).
     */
    public static INDArray paddingMask(INDArray ids) {
        if (ids.rank() != 2) {
            throw new IllegalArgumentException("token ids must be [n, steps] to mask their padding, got shape "
                    + java.util.Arrays.toString(ids.shape()));
        }
        INDArray mask = ids.neq(PAD).castTo(DataType.FLOAT);
        if (mask.size(1) > 0) mask.getColumn(0).assign(1f);
        return mask;
    }

    /** Bag of words [n, size()]: entry (i, w) is 1 when text i contains word w (multi-hot). */
    public INDArray bagOfWords(List<String> texts) {
        INDArray out = Nd4j.zeros(DataType.FLOAT, texts.size(), size());
        for (int i = 0; i < texts.size(); i++) {
            for (String w : tokens(texts.get(i))) out.putScalar(i, indexOf(w), 1f);
        }
        return out;
    }
}
