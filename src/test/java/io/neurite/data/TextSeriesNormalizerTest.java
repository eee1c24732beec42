package io.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Vocabulary indices, character windows, time-series windows and normalizers against hand-computed values. */
class TextSeriesNormalizerTest {

    @Test
    void vocabularyOrdersByFrequencyThenAlphabetAndReservesPadAndUnknown() {
        Vocabulary v = Vocabulary.build(List.of("The cat, the DOG.", "a dog"), 2);
        // counts: the 2, dog 2, a 1, cat 1 -> kept: dog (2), the (3) ... ties alphabetical: dog before the.
        assertEquals(2, v.indexOf("dog"));
        assertEquals(3, v.indexOf("the"));
        assertEquals(Vocabulary.UNKNOWN, v.indexOf("cat"));
        assertArrayEquals(new int[] {3, 1, 2, 0, 0}, v.encode("the cat dog", 5));
        INDArray bow = v.bagOfWords(List.of("dog dog bird"));
        assertArrayEquals(new float[] {0, 1, 1, 0}, bow.toFloatVector());
    }

    @Test
    void charWindowsTargetTheNextCharacter() {
        CharCorpus c = new CharCorpus("abcab");
        assertEquals(3, c.alphabetSize());
        Dataset d = c.sequences(2, 1);
        assertEquals(3, d.size()); // windows "ab"->"bc", "bc"->"ca", "ca"->"ab"
        assertArrayEquals(new long[] {2, 3}, d.exampleShape()); // steps x features
        assertEquals(1.0, d.features().getDouble(1, 0, c.indexOf('b')), 0.0);
        assertEquals(1.0, d.labels().getDouble(1, 1, c.indexOf('a')), 0.0);
    }

    @Test
    void charWindowsOfAPartShareTheWholeTextsAlphabet() {
        CharCorpus c = new CharCorpus("abcabcxyz");
        Dataset held = c.sequences(6, 9, 2, 2);                 // "xyz": one window "xy" -> "yz"
        assertEquals(1, held.size());
        assertArrayEquals(new long[] {2, 6}, held.exampleShape());
        assertEquals(1.0, held.features().getDouble(0, 0, c.indexOf('x')), 0.0);
        assertEquals(1.0, held.labels().getDouble(0, 1, c.indexOf('z')), 0.0);
        assertEquals(2, c.sequences(0, 6, 2, 2).size());         // "ab"->"bc", "ca"->"ab"; "bc" has no next char inside
        var outside = assertThrows(IllegalArgumentException.class, () -> c.sequences(6, 10, 2, 2));
        assertEquals("characters [6, 10) are not a part of a text of 9 characters", outside.getMessage());
        INDArray prompt = c.encode("zab");
        assertArrayEquals(new long[] {1, 3, 6}, prompt.shape());
        assertEquals(1.0, prompt.getDouble(0, 0, c.indexOf('z')), 0.0);
        assertEquals(3.0, prompt.sumNumber().doubleValue(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> c.encode("abq"));
    }

    @Test
    void seriesWindowsSlideByOne() {
        TimeSeries s = new TimeSeries("t", "0", new double[] {1, 2, 3, 4, 5});
        Dataset w = s.windows(3, 1);
        assertEquals(2, w.size());
        assertArrayEquals(new float[] {2, 3, 4}, w.features().getRow(1).toFloatVector());
        assertEquals(5.0, w.labels().getDouble(1, 0), 0.0);
        assertArrayEquals(new long[] {3, 1}, s.sequenceWindows(3, 1).exampleShape());
        TimeSeries[] parts = Airline.load().splitLast(12);
        assertEquals(132, parts[0].length());
        assertEquals(432, parts[1].values()[11]);
    }

    @Test
    void normalizersUseTrainStatisticsOnly() {
        Dataset train = Dataset.of(new double[][] {{1}, {3}}, new double[][] {{0}, {1}});
        Dataset test = Dataset.of(new double[][] {{5}}, new double[][] {{0}});
        // mean 2, population std 1: (5 - 2) / 1 = 3.
        TrainTest std = new TrainTest(train, test).normalized(Normalizer.standardize());
        assertArrayEquals(new float[] {-1, 1}, std.train().features().toFloatVector(), 1e-5f);
        assertEquals(3.0, std.test().features().getDouble(0), 1e-5);
        // min 1, max 3: (5 - 1) / 2 = 2.
        TrainTest mm = new TrainTest(train, test).normalized(Normalizer.minMax());
        assertEquals(2.0, mm.test().features().getDouble(0), 1e-5);
        assertEquals(5.0, test.features().getDouble(0), 0.0, "input unchanged");
    }
}
