package io.neurite.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Decoding a sequence word by word from a model of the next word (d2l 10.8). Both searches start from the prefix
 * {@code [begin]} and stop a hypothesis at {@code end} or after {@code maxLength} generated words ({@code end}
 * included). Greedy search appends the most probable word each step. Beam search keeps the {@code beamSize} most
 * probable prefixes (by log-probability); a prefix that ends with {@code end} leaves the beam as a finished
 * hypothesis, and the result is the finished (or, at {@code maxLength}, unfinished) hypothesis of highest
 * length-normalised score log P(y_1..y_L) / L^alpha, L the words generated. Ties go to the lower word index.
 */
public final class Decoding {
    /** d2l's exponent alpha of the length normalisation. */
    public static final double LENGTH_EXPONENT = 0.75;

    /** The model: for each prefix (begin mark first), log-probabilities of every word of the vocabulary coming next. */
    @FunctionalInterface
    public interface NextWords {
        double[][] logProbabilities(List<int[]> prefixes);
    }

    private Decoding() { }

    /** The greedy decoding: the generated words, without the begin and end marks. */
    public static int[] greedy(NextWords next, int begin, int end, int maxLength) {
        int[] prefix = {begin};
        for (int t = 0; t < maxLength; t++) {
            double[] p = next.logProbabilities(List.of(prefix))[0];
            int best = 0;
            for (int w = 1; w < p.length; w++) if (p[w] > p[best]) best = w;
            if (best == end) break;
            prefix = append(prefix, best);
        }
        return Arrays.copyOfRange(prefix, 1, prefix.length);
    }

    /** The beam-search decoding (alpha = {@link #LENGTH_EXPONENT}): the words, without the begin and end marks. */
    public static int[] beam(NextWords next, int begin, int end, int maxLength, int beamSize) {
        return beam(next, begin, end, maxLength, beamSize, LENGTH_EXPONENT);
    }

    /** The beam-search decoding with length exponent {@code alpha}: the words, without the begin and end marks. */
    public static int[] beam(NextWords next, int begin, int end, int maxLength, int beamSize, double alpha) {
        if (beamSize < 1) throw new IllegalArgumentException("beam search needs a beam of at least 1, got " + beamSize);
        List<Hypothesis> live = List.of(new Hypothesis(new int[] {begin}, 0, false));
        List<Hypothesis> finished = new ArrayList<>();
        for (int t = 0; t < maxLength && !live.isEmpty(); t++) {
            double[][] p = next.logProbabilities(live.stream().map(Hypothesis::words).toList());
            List<Hypothesis> expanded = new ArrayList<>();
            for (int h = 0; h < live.size(); h++) {
                for (int w = 0; w < p[h].length; w++) {
                    if (p[h][w] == Double.NEGATIVE_INFINITY) continue;                // a word of probability 0
                    expanded.add(new Hypothesis(append(live.get(h).words(), w), live.get(h).logP() + p[h][w], w == end));
                }
            }
            expanded.sort(Comparator.comparingDouble(Hypothesis::logP).reversed());   // stable: lower index first on ties
            List<Hypothesis> kept = new ArrayList<>();
            for (Hypothesis h : expanded.subList(0, Math.min(beamSize, expanded.size()))) {
                (h.ended() ? finished : kept).add(h);
            }
            live = kept;
        }
        finished.addAll(live);
        if (finished.isEmpty()) return new int[0];
        Hypothesis best = finished.get(0);
        for (Hypothesis h : finished) if (h.score(alpha) > best.score(alpha)) best = h;
        int[] w = best.words();
        return Arrays.copyOfRange(w, 1, best.ended() ? w.length - 1 : w.length);
    }

    /** A prefix (begin mark first) with its log-probability; ended when its last word is the end mark. */
    private record Hypothesis(int[] words, double logP, boolean ended) {
        double score(double alpha) { return logP / Math.pow(words.length - 1, alpha); }
    }

    private static int[] append(int[] prefix, int word) {
        int[] out = Arrays.copyOf(prefix, prefix.length + 1);
        out[prefix.length] = word;
        return out;
    }
}
