package io.neurite.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The seq2seq tests' toy language pair: English sentences of numbers whose French is the same numbers translated and
 * in reverse order, so each output word must be found at the right source position.
 */
public final class ReversedNumbers {
    private static final String[] EN = {"one", "two", "three", "four", "five", "six"};
    private static final String[] FR = {"un", "deux", "trois", "quatre", "cinq", "six"};

    private ReversedNumbers() { }

    /** {@code n} pairs {english, french} of 1 to {@code maxWords} numbers each, drawn from {@code random}. */
    public static List<String[]> pairs(int n, int maxWords, Random random) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 1 + random.nextInt(maxWords);
            List<String> en = new ArrayList<>();
            List<String> fr = new ArrayList<>();
            for (int k = 0; k < len; k++) {
                int w = random.nextInt(EN.length);
                en.add(EN[w]);
                fr.add(0, FR[w]);
            }
            out.add(new String[] {String.join(" ", en), String.join(" ", fr)});
        }
        return out;
    }
}
