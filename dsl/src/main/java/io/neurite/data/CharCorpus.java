package io.neurite.data;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A text as a character sequence for language modelling: the alphabet is the text's distinct characters in code
 * point order; {@link #sequences} gives one-hot inputs and the next-character targets an RNN learns to predict.
 */
public final class CharCorpus {
    private final String text;
    private final char[] alphabet;
    private final Map<Character, Integer> index = new TreeMap<>();

    public CharCorpus(String text) {
        if (text.length() < 2) throw new IllegalArgumentException("a corpus needs at least 2 characters");
        this.text = text;
        TreeSet<Character> chars = new TreeSet<>();
        for (char c : text.toCharArray()) chars.add(c);
        alphabet = new char[chars.size()];
        int i = 0;
        for (char c : chars) { alphabet[i] = c; index.put(c, i++); }
    }

    public String text() { return text; }

    /** Number of distinct characters (input and output size of the model). */
    public int alphabetSize() { return alphabet.length; }

    public int indexOf(char c) {
        Integer i = index.get(c);
        if (i == null) throw new IllegalArgumentException("character '" + c + "' is not in the corpus alphabet");
        return i;
    }

    /** The alphabet as a string, in code point order. */
    public String alphabet() { return new String(alphabet); }

    /**
     * One-hot [1, length, alphabet] of {@code prompt}, e.g. the context a trained model continues. An empty prompt or a
     * character outside the alphabet fails with a message naming it, its position and the alphabet.
     */
    public INDArray encode(String prompt) {
        if (prompt.isEmpty()) {
            throw new IllegalArgumentException("the prompt is empty: give at least one character to continue from");
        }
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, prompt.length(), alphabet.length);
        for (int t = 0; t < prompt.length(); t++) {
            char c = prompt.charAt(t);
            Integer i = index.get(c);
            if (i == null) {
                throw new IllegalArgumentException("character '" + c + "' (U+" + String.format("%04X", (int) c)
                        + ") at position " + t + " of the prompt is not in the corpus alphabet, which has "
                        + alphabet.length + " characters: \"" + alphabet() + "\"");
            }
            x.putScalar(new long[] {0, t, i}, 1f);
        }
        return x;
    }

    public char charAt(int index) { return alphabet[index]; }

    /**
     * Windows of {@code length} characters starting every {@code stride} characters: features [n, length, alphabet]
     * one-hot of chars t..t+length-1, labels [n, length, alphabet] one-hot of chars t+1..t+length (a sequence of
     * {@code Shape.sequence(length, alphabetSize())} with one label per step).
     */
    public Dataset sequences(int length, int stride) {
        return sequences(0, text.length(), length, stride);
    }

    /**
     * The same windows within characters [from, to) of the text, e.g. a training part and a held-out part that
     * share one alphabet.
     */
    public Dataset sequences(int from, int to, int length, int stride) {
        if (length < 1 || stride < 1) throw new IllegalArgumentException("length and stride must be at least 1");
        if (from < 0 || to > text.length() || from >= to) {
            throw new IllegalArgumentException("characters [" + from + ", " + to + ") are not a part of a text of "
                    + text.length() + " characters");
        }
        int n = to - from - 1 < length ? 0 : (to - from - 1 - length) / stride + 1;
        if (n == 0) throw new IllegalArgumentException("text of " + (to - from) + " chars is too short for windows of " + length);
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, length, alphabet.length);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, length, alphabet.length);
        for (int i = 0; i < n; i++) {
            int start = from + i * stride;
            for (int t = 0; t < length; t++) {
                x.putScalar(new long[] {i, t, indexOf(text.charAt(start + t))}, 1f);
                y.putScalar(new long[] {i, t, indexOf(text.charAt(start + t + 1))}, 1f);
            }
        }
        return Dataset.of(x, y);
    }
}
