package io.neurite.recipes.unit3;

import io.neurite.core.Shape;
import io.neurite.data.DataSize;
import io.neurite.data.Dataset;
import io.neurite.data.Imdb;
import io.neurite.data.LabelledTexts;
import io.neurite.data.Vocabulary;
import io.neurite.layers.Recurrent;
import io.neurite.model.Model;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The course's question, a sentiment classifier: the first words of each IMDB review as token ids, an embedding, a
 * recurrent layer whose outputs, averaged over the real words (padding is masked), feed a two-class softmax, trained
 * with cross-entropy: the output activation and loss of any classifier, here reading a sequence. An LSTM, a GRU and a
 * bidirectional LSTM of the same width train on the same data for the same epochs, their held-out accuracy recorded
 * after each epoch. (On the mini's few reviews the LSTM's last step alone stayed near chance, 55% after 4 epochs.)
 */
public final class ImdbSentiment implements Recipe {
    /** Words read per review and words kept in the vocabulary (the rest read as unknown) on the embedded mini. */
    public static final Reading MINI = new Reading(100, 5000);
    /** The same on the full data: longer reviews and a larger vocabulary, as Keras' IMDB examples (200, 20,000). */
    public static final Reading FULL = new Reading(200, 20_000);
    /** Values per word in the embedding, and units of the recurrent layer (per direction). */
    public static final int WIDTH = 32;

    @Override public String name() { return "imdb-sentiment"; }

    @Override public int unit() { return 3; }

    @Override public boolean hasFullData() { return true; }

    @Override
    public String description() {
        return "sentiment of IMDB reviews: embedding + LSTM, GRU or bidirectional LSTM over the words, averaged, to a softmax";
    }

    /** How much of each review is read: its first {@code words} words, from a vocabulary of the {@code vocabulary} most frequent. */
    public record Reading(int words, int vocabulary) { }

    /** The recurrent layer between the embedding and the average over words. */
    public enum Architecture {
        LSTM("LSTM"), GRU("GRU"), BIDIRECTIONAL_LSTM("bidirectional LSTM");

        private final String title;

        Architecture(String title) { this.title = title; }

        public String title() { return title; }

        Recurrent layer(int units) {
            return switch (this) {
                case LSTM -> Recurrent.of(Recurrent.Cell.LSTM, units);
                case GRU -> Recurrent.of(Recurrent.Cell.GRU, units);
                case BIDIRECTIONAL_LSTM -> Recurrent.of(Recurrent.Cell.LSTM, units).withBidirectional(Recurrent.Merge.CONCAT);
            };
        }
    }

    /**
     * A trained classifier with its vocabulary and reading, its history (held-out accuracy per epoch as
     * {@code val_accuracy} when trained by {@link #train}), its held-out accuracy and its training time.
     */
    public record Trained(Architecture architecture, Model model, Vocabulary vocabulary, Reading reading, History history,
                          double testAccuracy, double seconds) {
        /**
         * Probability that {@code text} is positive, read as the model reads reviews: its first words, any word outside
         * the vocabulary as the unknown word. A text without a word fails with a message saying so.
         */
        public double positive(String text) {
            if (Vocabulary.tokens(text).isEmpty()) {
                throw new IllegalArgumentException("the text \"" + text + "\" has no words to classify (words are runs "
                        + "of letters, digits and apostrophes)");
            }
            return model.predict(encode(vocabulary, List.of(text), reading.words())).getDouble(0, 1);
        }
    }

    /** Token ids of the first {@code words} words of each text, masked after its last word. */
    static Dataset encode(Vocabulary vocabulary, List<String> texts, int words) {
        INDArray ids = vocabulary.sequences(texts, words);
        return Dataset.unlabelled(ids).withMask(Dataset.FEATURES, Vocabulary.paddingMask(ids));
    }

    private static Dataset labelled(Vocabulary vocabulary, LabelledTexts texts, int words) {
        Dataset x = encode(vocabulary, texts.texts(), words);
        return Dataset.of(x.features(), Dataset.oneHot(texts.labels(), 2)).withMask(Dataset.FEATURES, x.mask(Dataset.FEATURES));
    }

    /** Embedding, the {@code architecture}'s recurrent layer, its outputs averaged over the real words, a two-class softmax. */
    public static Model model(Architecture architecture, Vocabulary vocabulary, Reading reading, long seed) {
        return Model.sequential("imdb-" + architecture.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .input(Shape.tokens(reading.words(), vocabulary.size())).seed(seed)
                .embedding(WIDTH).then(architecture.layer(WIDTH)).globalAvgPool().dense(2).softmax()
                .build().compile(Loss.crossEntropy(), Optimizer.adam(0.005));
    }

    /**
     * Trains {@code architecture} on {@code data}'s training reviews for {@code fit}, with its test reviews as
     * validation: their accuracy after each epoch is the history's {@code val_accuracy}, the last one the result's.
     */
    public static Trained train(Architecture architecture, LabelledTexts.Split data, Reading reading, Fit fit, long seed) {
        Vocabulary vocabulary = Vocabulary.build(data.train().texts(), reading.vocabulary());
        Model model = model(architecture, vocabulary, reading, seed);
        long start = System.nanoTime();
        History history = model.fit(labelled(vocabulary, data.train(), reading.words()),
                fit.validation(labelled(vocabulary, data.test(), reading.words())));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Trained(architecture, model, vocabulary, reading, history, history.last("val_accuracy"), seconds);
    }

    /** The LSTM trained on the embedded mini (1,000 training and 1,000 held-out reviews). */
    public static Trained train(Fit fit, long seed) {
        return train(Architecture.LSTM, Imdb.mini(), MINI, fit, seed);
    }

    /** Every architecture trained on the same data for the same {@code fit}, from the same seed. */
    public static List<Trained> compare(LabelledTexts.Split data, Reading reading, Fit fit, long seed) {
        List<Trained> runs = new ArrayList<>();
        for (Architecture a : Architecture.values()) runs.add(train(a, data, reading, fit, seed));
        return runs;
    }

    @Override public boolean readsText() { return true; }

    /** The texts the recipe classifies after training: the user's ({@code --text}) or two examples of its own. */
    static List<String> sentences(RecipeContext ctx) {
        return ctx.text().map(List::of)
                .orElse(List.of("a wonderful, moving film with great acting", "boring, predictable and far too long"));
    }

    /** {@code P(positive | "text") = p}, or why the text cannot be classified. */
    static String verdict(Trained t, String text) {
        try {
            return String.format("P(positive | \"%s\") = %.2f", text, t.positive(text));
        } catch (IllegalArgumentException e) {
            return "cannot classify: " + e.getMessage();
        }
    }

    @Override
    public void run(RecipeContext ctx) {
        boolean full = ctx.dataSize() == DataSize.FULL;
        LabelledTexts.Split data = Imdb.load(ctx.dataSize());
        Reading reading = full ? FULL : MINI;
        ctx.printf("%,d training and %,d held-out reviews, first %d words, vocabulary of %,d%n", data.train().size(),
                data.test().size(), reading.words(), reading.vocabulary());
        List<Trained> runs = compare(data, reading, ctx.fit(full ? 2 : 4).batchSize(64), 1);
        ctx.printf("%-20s %10s %10s  %s%n", "architecture", "params", "seconds", "held-out accuracy per epoch");
        Chart chart = Chart.lines("IMDB, held-out accuracy per epoch", "epoch", "accuracy");
        for (Trained t : runs) {
            double[] accuracy = t.history().metric("val_accuracy");
            StringBuilder perEpoch = new StringBuilder();
            double[] epochs = new double[accuracy.length];
            for (int e = 0; e < accuracy.length; e++) {
                epochs[e] = e + 1;
                perEpoch.append(String.format(" %.3f", accuracy[e]));
            }
            ctx.printf("%-20s %,10d %10.0f %s%n", t.architecture().title(), t.model().paramCount(), t.seconds(), perEpoch);
            chart.series(t.architecture().title(), epochs, accuracy);
        }
        ctx.save(chart, "validation-accuracy.png");
        Trained best = runs.stream().max(Comparator.comparingDouble(Trained::testAccuracy)).orElseThrow();
        ctx.printf("best: %s, %.1f%% on the held-out reviews%n", best.architecture().title(), 100 * best.testAccuracy());
        for (String s : sentences(ctx)) ctx.println(verdict(best, s));
    }
}
