package io.neurite.recipes.unit3;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.data.Imdb;
import io.neurite.data.LabelledTexts;
import io.neurite.data.Vocabulary;
import io.neurite.model.Model;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The course's question, a sentiment classifier: the first {@link #WORDS} words of each IMDB review as token ids, an
 * embedding, an LSTM whose outputs, averaged over the real words (padding is masked), feed a two-class softmax,
 * trained with cross-entropy: the output activation and loss of any classifier, here reading a sequence. (On the
 * mini's few reviews the LSTM's last step alone stayed near chance, 55% after 4 epochs.)
 */
public final class ImdbSentiment implements Recipe {
    /** Words read per review. */
    public static final int WORDS = 100;
    /** Words kept in the vocabulary (the rest read as unknown). */
    public static final int VOCABULARY = 5000;

    @Override public String name() { return "imdb-sentiment"; }

    @Override public int unit() { return 3; }

    @Override
    public String description() {
        return "sentiment of IMDB reviews: embedding + LSTM over the words, averaged over real words, to a softmax";
    }

    /** A trained classifier with its vocabulary, its history and its held-out accuracy. */
    public record Trained(Model model, Vocabulary vocabulary, History history, double testAccuracy) {
        /**
         * Probability that {@code text} is positive, read as the model reads reviews: its first {@link #WORDS} words,
         * any word outside the vocabulary as the unknown word. A text without a word fails with a message saying so.
         */
        public double positive(String text) {
            if (Vocabulary.tokens(text).isEmpty()) {
                throw new IllegalArgumentException("the text \"" + text + "\" has no words to classify (words are runs "
                        + "of letters, digits and apostrophes)");
            }
            return model.predict(encode(vocabulary, List.of(text))).getDouble(0, 1);
        }
    }

    /** Token ids of the first {@link #WORDS} words of each text, masked after its last word. */
    static Dataset encode(Vocabulary vocabulary, List<String> texts) {
        INDArray ids = vocabulary.sequences(texts, WORDS);
        return Dataset.unlabelled(ids).withMask(Dataset.FEATURES, Vocabulary.paddingMask(ids));
    }

    private static Dataset labelled(Vocabulary vocabulary, LabelledTexts texts) {
        Dataset x = encode(vocabulary, texts.texts());
        return Dataset.of(x.features(), Dataset.oneHot(texts.labels(), 2)).withMask(Dataset.FEATURES, x.mask(Dataset.FEATURES));
    }

    /** Embedding, LSTM, the LSTM's outputs averaged over the real words, a two-class softmax. */
    public static Model model(Vocabulary vocabulary, long seed) {
        return Model.sequential("imdb-lstm").input(Shape.tokens(WORDS, vocabulary.size())).seed(seed)
                .embedding(32).lstm(32).globalAvgPool().dense(2).softmax()
                .build().compile(Loss.crossEntropy(), Optimizer.adam(0.005));
    }

    /** Trains on the mini's training reviews for {@code fit} and scores its test reviews. */
    public static Trained train(Fit fit, long seed) {
        LabelledTexts.Split imdb = Imdb.mini();
        Vocabulary vocabulary = Vocabulary.build(imdb.train().texts(), VOCABULARY);
        Model model = model(vocabulary, seed);
        History history = model.fit(labelled(vocabulary, imdb.train()), fit);
        double accuracy = model.evaluate(labelled(vocabulary, imdb.test())).accuracy();
        return new Trained(model, vocabulary, history, accuracy);
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
        Trained t = train(ctx.fit(4).batchSize(64), 1);
        ctx.printf("test accuracy on the mini's held-out reviews: %.1f%%%n", 100 * t.testAccuracy());
        for (String s : sentences(ctx)) ctx.println(verdict(t, s));
        ctx.save(t.history().plot(), "curves.png");
    }
}
