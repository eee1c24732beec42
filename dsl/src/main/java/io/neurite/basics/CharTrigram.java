package io.neurite.basics;

import io.neurite.data.CharCorpus;
import java.util.HashMap;
import java.util.Map;

/**
 * A character trigram language model, the baseline a recurrent language model should beat: counts of which character
 * follows each context of up to two characters, smoothed by Witten-Bell interpolation with the next shorter context,
 * down to the uniform distribution over the corpus alphabet of V characters:
 * <pre>
 *   P(c | h) = (N(h c) + T(h) P(c | h')) / (N(h) + T(h))     when the context h was seen (N(h) &gt; 0)
 *   P(c | h) = P(c | h')                                     when it was not
 *   P(c | "") uses P(c | h') = 1 / V
 * </pre>
 * where h' is h without its first character, N(h c) counts c after h, N(h) counts any character after h and T(h) is
 * the number of distinct characters seen after h. Every character of the alphabet gets a probability above 0.
 */
public final class CharTrigram {
    private final CharCorpus corpus;
    private final Map<String, int[]> next = new HashMap<>();     // context of 0..2 chars -> counts of the next char

    private CharTrigram(CharCorpus corpus) { this.corpus = corpus; }

    /** Counts on characters [from, to) of the corpus text; the alphabet is the whole corpus's. */
    public static CharTrigram train(CharCorpus corpus, int from, int to) {
        String text = corpus.text();
        if (from < 0 || to > text.length() || from >= to) {
            throw new IllegalArgumentException("characters [" + from + ", " + to + ") are not a part of a text of "
                    + text.length() + " characters");
        }
        CharTrigram model = new CharTrigram(corpus);
        for (int i = from; i < to; i++) {
            int c = corpus.indexOf(text.charAt(i));
            for (int k = 0; k <= 2 && i - k >= from; k++) {
                model.next.computeIfAbsent(text.substring(i - k, i), h -> new int[corpus.alphabetSize()])[c]++;
            }
        }
        return model;
    }

    /** P(c | context), using the context's last two characters (fewer if it is shorter). */
    public double probability(String context, char c) {
        String h = context.length() > 2 ? context.substring(context.length() - 2) : context;
        double lower = h.isEmpty() ? 1.0 / corpus.alphabetSize() : probability(h.substring(1), c);
        int[] counts = next.get(h);
        if (counts == null) return lower;
        int total = 0, distinct = 0;
        for (int n : counts) { total += n; if (n > 0) distinct++; }
        return (counts[corpus.indexOf(c)] + distinct * lower) / (total + distinct);
    }

    /**
     * exp(-(1/M) sum log P(c_i | c_{i-2} c_{i-1})) over the M = length - 1 characters of {@code text} after its first
     * (the characters a model reading {@code text} predicts), each with the up to two characters before it in
     * {@code text}.
     */
    public double perplexity(String text) {
        if (text.length() < 2) throw new IllegalArgumentException("perplexity needs at least 2 characters");
        double logSum = 0;
        for (int i = 1; i < text.length(); i++) {
            logSum += Math.log(probability(text.substring(Math.max(0, i - 2), i), text.charAt(i)));
        }
        return Math.exp(-logSum / (text.length() - 1));
    }
}
