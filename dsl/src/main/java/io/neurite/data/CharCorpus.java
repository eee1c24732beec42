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

    public char charAt(int index) { return alphabet[index]; }

    /**
     * Windows of {@code length} characters starting every {@code stride} characters: features [n, length, alphabet]
     * one-hot of chars t..t+length-1, labels [n, length, alphabet] one-hot of chars t+1..t+length (a sequence of
     * {@code Shape.sequence(length, alphabetSize())} with one label per step).
     */
    public Dataset sequences(int length, int stride) {
        if (length < 1 || stride < 1) throw new IllegalArgumentException("length and stride must be at least 1");
        int n = Math.max(0, (text.length() - 1 - length) / stride + 1);
        if (n == 0) throw new IllegalArgumentException("text of " + text.length() + " chars is too short for windows of " + length);
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, length, alphabet.length);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, length, alphabet.length);
        for (int i = 0; i < n; i++) {
            int start = i * stride;
            for (int t = 0; t < length; t++) {
                x.putScalar(new long[] {i, t, indexOf(text.charAt(start + t))}, 1f);
                y.putScalar(new long[] {i, t, indexOf(text.charAt(start + t + 1))}, 1f);
            }
        }
        return Dataset.of(x, y);
    }
}
