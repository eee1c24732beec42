package io.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every embedded mini loads with its published counts, shapes, label ranges and known first values. */
class MiniDatasetsTest {

    @Test
    void mnistMiniHasTheFirst2000And500DigitsInUnitRange() {
        TrainTest m = Mnist.mini();
        assertEquals(2000, m.train().size());
        assertEquals(500, m.test().size());
        assertArrayEquals(new long[] {784}, m.train().exampleShape());
        assertEquals(10, m.train().labelColumns());
        // Published first labels of MNIST: train 5, 0, 4, 1, 9; test 7, 2, 1.
        assertArrayEquals(new int[] {5, 0, 4, 1, 9}, Arrays.copyOf(m.train().classIndices(), 5));
        assertArrayEquals(new int[] {7, 2, 1}, Arrays.copyOf(m.test().classIndices(), 3));
        assertEquals(0.0, m.train().features().minNumber().doubleValue(), 0.0);
        assertEquals(1.0, m.train().features().maxNumber().doubleValue(), 0.0);
        assertEquals(1.0, m.train().labels().sumNumber().doubleValue() / 2000, 0.0, "one-hot rows");
        assertArrayEquals(new long[] {1, 28, 28}, m.asImages(28, 28, 1).train().exampleShape());
    }

    @Test
    void fashionMnistMiniHasClassNamesAndKnownFirstLabels() {
        TrainTest f = FashionMnist.mini();
        assertEquals(2000, f.train().size());
        assertEquals(500, f.test().size());
        assertArrayEquals(new int[] {9, 0, 0, 3, 0}, Arrays.copyOf(f.train().classIndices(), 5));
        assertEquals("Ankle boot", f.train().classNames().get(9));
        assertTrue(Arrays.stream(f.test().classIndices()).allMatch(c -> c >= 0 && c < 10));
    }

    @Test
    void irisRowZeroIsTheFirstSetosa() {
        Dataset iris = Iris.load();
        assertEquals(150, iris.size());
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, iris.features().getRow(0).toFloatVector(), 1e-6f);
        assertEquals("setosa", iris.classNames().get(iris.classIndices()[0]));
        assertEquals(List.of(50L, 50L, 50L), counts(iris.classIndices(), 3));
        TrainTest split = Iris.trainTest(7);
        assertEquals(120, split.train().size());
        assertEquals(30, split.test().size());
    }

    @Test
    void wineAndBreastCancerHaveTheirPublishedClassSizes() {
        Dataset wine = Wine.load();
        assertArrayEquals(new long[] {13}, wine.exampleShape());
        assertEquals(List.of(59L, 71L, 48L), counts(wine.classIndices(), 3));
        assertEquals(14.23, wine.features().getDouble(0, 0), 1e-4);
        Dataset bc = BreastCancer.load();
        assertArrayEquals(new long[] {30}, bc.exampleShape());
        assertEquals(List.of(212L, 357L), counts(bc.classIndices(), 2));
        assertEquals(List.of("malignant", "benign"), bc.classNames());
    }

    @Test
    void digitsAreAll1797ScaledTo01() {
        Dataset d = Digits.load();
        assertEquals(1797, d.size());
        assertArrayEquals(new long[] {64}, d.exampleShape());
        assertEquals(0, d.classIndices()[0]);
        // Row 0 starts 0,0,5,13,9,1 in grey levels 0..16.
        assertEquals(5 / 16.0, d.features().getDouble(0, 2), 1e-6);
        assertEquals(1.0, d.features().maxNumber().doubleValue(), 0.0);
        assertArrayEquals(new long[] {1, 8, 8}, d.asImages(8, 8, 1).exampleShape());
    }

    @Test
    void imdbMiniIsBalancedAndFreeOfHtmlBreaks() {
        LabelledTexts.Split s = Imdb.mini();
        assertEquals(1000, s.train().size());
        assertEquals(1000, s.test().size());
        long positives = Arrays.stream(s.train().labels()).filter(l -> l == 1).count()
                + Arrays.stream(s.test().labels()).filter(l -> l == 1).count();
        assertEquals(1000, positives);
        assertTrue(s.train().texts().stream().noneMatch(t -> t.contains("<br />")));
        Vocabulary v = Vocabulary.build(s.train().texts(), 1000);
        assertEquals(1002, v.size());
        Dataset bow = s.train().toDataset(v.bagOfWords(s.train().texts()));
        assertArrayEquals(new long[] {1002}, bow.exampleShape());
        assertEquals(2, bow.labelColumns());
        // take: the first n texts of each half with their own labels; all of them when asked for more
        LabelledTexts.Split few = s.take(3);
        assertEquals(s.train().texts().subList(0, 3), few.train().texts());
        assertArrayEquals(Arrays.copyOf(s.test().labels(), 3), few.test().labels());
        assertEquals(1000, s.train().take(5000).size());
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> s.train().take(-1));
        assertEquals("cannot take -1 texts; give a count of at least 0", e.getMessage());
    }

    @Test
    void hamletEnFrAndTimeSeriesHaveKnownStartsAndLengths() {
        assertTrue(Gutenberg.hamlet().startsWith("[The Tragedie of Hamlet by William Shakespeare 1599]"));
        List<SentencePairs.Pair> pairs = SentencePairs.mini();
        assertEquals(2000, pairs.size());
        assertEquals("Creakiness and atmosphere this film has, but so unfortunately does the print I just viewed.",
                pairs.get(0).english());
        assertTrue(pairs.get(0).french().startsWith("Le craquement et l'atmosphère"));
        TimeSeries air = Airline.load();
        assertEquals(144, air.length());
        assertEquals(112, air.values()[0]);
        assertEquals(432, air.values()[143]);
        TimeSeries sun = Sunspots.load();
        assertEquals(309, sun.length());
        assertEquals("1700", sun.firstPeriod());
        assertEquals(5, sun.values()[0]);
        assertEquals(2.9, sun.values()[308], 1e-12);
    }

    static List<Long> counts(int[] classes, int k) {
        Long[] c = new Long[k];
        Arrays.fill(c, 0L);
        for (int i : classes) c[i]++;
        return List.of(c);
    }
}
