package io.neurite.generative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.CharCorpus;
import io.neurite.model.Model;
import io.neurite.train.Fit;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Temperature sampling by hand, a learned pattern continued, and every bad prompt named. */
class CharSamplerTest {
    private final CharCorpus corpus = new CharCorpus("abc".repeat(40));

    private Model languageModel(int units) {
        return Model.sequential("lm").input(Shape.sequence(Shape.VARIABLE, 3)).seed(3)
                .lstm(units).dense(3).softmax().build().compile(Loss.crossEntropy(), Optimizer.adam(0.05));
    }

    @Test
    void temperatureRaisesProbabilitiesToOneOverTAndRenormalizes() {
        double[] p = {0.5, 0.25, 0.25};
        // T = 0.5: squares, 0.25 : 0.0625 : 0.0625 -> 2/3, 1/6, 1/6; T = 1 leaves p; T = 2: square roots
        assertArrayEquals(new double[] {2.0 / 3, 1.0 / 6, 1.0 / 6}, CharSampler.reshaped(p, 0.5), 1e-12);
        assertArrayEquals(p, CharSampler.reshaped(p, 1), 1e-12);
        double r = Math.sqrt(0.5) + 2 * Math.sqrt(0.25);
        assertArrayEquals(new double[] {Math.sqrt(0.5) / r, 0.5 / r, 0.5 / r}, CharSampler.reshaped(p, 2), 1e-12);
        // drawn frequencies follow q
        Random random = new Random(1);
        int[] counts = new int[3];
        for (int i = 0; i < 30_000; i++) counts[CharSampler.draw(p, 0.5, random)]++;
        assertEquals(2.0 / 3, counts[0] / 30_000.0, 0.01);
        assertEquals(1.0 / 6, counts[2] / 30_000.0, 0.01);
    }

    @Test
    void aTrainedModelContinuesThePatternItLearned() {
        Model lm = languageModel(8);
        lm.fit(corpus.sequences(6, 1), Fit.epochs(15).batchSize(16).quiet());
        String text = CharSampler.of(lm, corpus, 6).continueFrom("ab", 9, 0.2, 7);
        assertEquals("cabcabcab", text);
    }

    @Test
    void aPromptLongerThanTheWindowIsReadFromItsLastWindow() {
        CharSampler sampler = CharSampler.of(languageModel(4), corpus, 4);
        String longPrompt = "abcabcabcbca";
        assertEquals(sampler.continueFrom("cbca", 12, 1.0, 5), sampler.continueFrom(longPrompt, 12, 1.0, 5));
    }

    @Test
    void badPromptsAndTemperaturesAreNamed() {
        CharSampler sampler = CharSampler.of(languageModel(4), corpus, 4);
        var empty = assertThrows(IllegalArgumentException.class, () -> sampler.continueFrom("", 5, 1.0, 1));
        assertEquals("the prompt is empty: give at least one character to continue from", empty.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> sampler.continueFrom("abz", 5, 1.0, 1));
        assertEquals("character 'z' (U+007A) at position 2 of the prompt is not in the corpus alphabet, which has 3 "
                + "characters: \"abc\"", unknown.getMessage());
        for (double t : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            var bad = assertThrows(IllegalArgumentException.class, () -> sampler.continueFrom("ab", 5, t, 1));
            assertTrue(bad.getMessage().startsWith("temperature " + t + " cannot sample"), bad.getMessage());
        }
        Model wrongWidth = Model.sequential("wide").input(Shape.sequence(Shape.VARIABLE, 5))
                .lstm(4).dense(5).softmax().build().compile(Loss.crossEntropy(), Optimizer.adam(0.01));
        var mismatch = assertThrows(IllegalArgumentException.class, () -> CharSampler.of(wrongWidth, corpus, 4));
        assertTrue(mismatch.getMessage().contains("over this corpus's 3 characters"), mismatch.getMessage());
    }
}
