package io.neurite.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BLEU, the n-gram overlap of a machine translation with reference translations, two ways.
 * <ul>
 * <li>{@link #d2l}: d2l's sentence score (10.7.6), exp(min(0, 1 - len_label / len_pred)) * prod_{n=1..k} p_n^(1/2^n),
 * p_n the fraction of the prediction's n-grams matched in the label (each label n-gram matched at most once).</li>
 * <li>{@link #corpus}: Papineni et al. (2002), over a whole corpus: p_n = sum of clipped n-gram matches (an n-gram
 * counts at most as often as in the reference where it is most frequent) / sum of candidate n-grams, brevity penalty
 * BP = 1 if c > r else exp(1 - r / c) with c the candidates' total length and r the sum of each sentence's reference
 * length closest to its candidate's (the shorter on ties), BLEU = BP * exp(sum_n log(p_n) / N), 0 if some p_n is 0.</li>
 * </ul>
 * Sentences are lists of tokens; the string forms split on single spaces, as d2l does. An empty prediction scores 0.
 */
public final class Bleu {
    private Bleu() { }

    /** d2l's BLEU of {@code prediction} against {@code label}, space-separated tokens, n-grams up to {@code k}. */
    public static double d2l(String prediction, String label, int k) { return d2l(tokens(prediction), tokens(label), k); }

    /** d2l's BLEU of the tokens of {@code prediction} against those of {@code label}, n-grams up to {@code k}. */
    public static double d2l(List<String> prediction, List<String> label, int k) {
        if (k < 1) throw new IllegalArgumentException("BLEU needs n-grams of length at least 1, got k = " + k);
        int lenPred = prediction.size();
        if (lenPred == 0) return 0;
        double score = Math.exp(Math.min(0, 1 - label.size() / (double) lenPred));
        for (int n = 1; n <= Math.min(k, lenPred); n++) {
            Map<List<String>, Integer> labelCounts = counts(label, n);
            int matches = 0;
            for (List<String> gram : ngrams(prediction, n)) {
                Integer left = labelCounts.get(gram);
                if (left != null && left > 0) {
                    matches++;
                    labelCounts.put(gram, left - 1);
                }
            }
            score *= Math.pow(matches / (double) (lenPred - n + 1), Math.pow(0.5, n));
        }
        return score;
    }

    /** Corpus BLEU-4 with one reference per candidate, space-separated tokens. */
    public static double corpus(List<String> candidates, List<String> references) {
        if (candidates.size() != references.size()) {
            throw new IllegalArgumentException("corpus BLEU needs one reference per candidate, got " + candidates.size()
                    + " candidates and " + references.size() + " references");
        }
        return corpus(candidates.stream().map(Bleu::tokens).toList(),
                references.stream().map(r -> List.of(tokens(r))).toList(), 4);
    }

    /**
     * Papineni's corpus BLEU with n-grams up to {@code maxN} and uniform weights: candidate i (tokens) against its
     * references {@code references.get(i)} (one or more token lists).
     */
    public static double corpus(List<List<String>> candidates, List<List<List<String>>> references, int maxN) {
        if (maxN < 1) throw new IllegalArgumentException("BLEU needs n-grams of length at least 1, got maxN = " + maxN);
        if (candidates.size() != references.size()) {
            throw new IllegalArgumentException("corpus BLEU needs references for each candidate, got " + candidates.size()
                    + " candidates and " + references.size() + " reference lists");
        }
        long[] matched = new long[maxN + 1];
        long[] total = new long[maxN + 1];
        long c = 0;
        long r = 0;
        for (int i = 0; i < candidates.size(); i++) {
            List<String> candidate = candidates.get(i);
            List<List<String>> refs = references.get(i);
            if (refs.isEmpty()) throw new IllegalArgumentException("candidate " + i + " has no reference translation");
            c += candidate.size();
            r += closestLength(candidate.size(), refs);
            for (int n = 1; n <= maxN; n++) {
                Map<List<String>, Integer> maxRef = new HashMap<>();
                for (List<String> ref : refs) counts(ref, n).forEach((g, k) -> maxRef.merge(g, k, Math::max));
                for (Map.Entry<List<String>, Integer> g : counts(candidate, n).entrySet()) {
                    matched[n] += Math.min(g.getValue(), maxRef.getOrDefault(g.getKey(), 0));
                    total[n] += g.getValue();
                }
            }
        }
        if (c == 0) return 0;
        double logPrecision = 0;
        for (int n = 1; n <= maxN; n++) {
            if (matched[n] == 0) return 0;
            logPrecision += Math.log(matched[n] / (double) total[n]) / maxN;
        }
        double brevity = c > r ? 1 : Math.exp(1 - r / (double) c);
        return brevity * Math.exp(logPrecision);
    }

    private static int closestLength(int length, List<List<String>> refs) {
        int best = refs.get(0).size();
        for (List<String> ref : refs) {
            int d = Math.abs(ref.size() - length);
            int bestD = Math.abs(best - length);
            if (d < bestD || d == bestD && ref.size() < best) best = ref.size();
        }
        return best;
    }

    private static List<String> tokens(String sentence) {
        return sentence.isEmpty() ? List.of() : Arrays.asList(sentence.split(" "));
    }

    private static List<List<String>> ngrams(List<String> tokens, int n) {
        List<List<String>> grams = new ArrayList<>();
        for (int i = 0; i + n <= tokens.size(); i++) grams.add(tokens.subList(i, i + n));
        return grams;
    }

    private static Map<List<String>, Integer> counts(List<String> tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (List<String> g : ngrams(tokens, n)) counts.merge(g, 1, Integer::sum);
        return counts;
    }
}
