package io.neurite.recipes.unit3;

import io.neurite.basics.CharTrigram;
import io.neurite.core.Shape;
import io.neurite.data.CharCorpus;
import io.neurite.data.Dataset;
import io.neurite.data.Gutenberg;
import io.neurite.generative.CharSampler;
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
import java.util.List;
import java.util.Locale;

/**
 * A character-level language model on Shakespeare's Hamlet (Project Gutenberg, public domain), the course's "RNN model
 * implementation" case study: the text lower-cased with every run of white space made one space, its first 90% cut into
 * windows of {@link #WINDOW} characters, each step predicting the next character through a softmax over the alphabet.
 * A simple RNN, a GRU and an LSTM of the same width train the same way; held-out perplexity exp(mean cross-entropy per
 * character) is recorded each epoch and set against a Witten-Bell smoothed character trigram counted on the same
 * training characters ({@link CharTrigram}). The best model then writes text at several temperatures.
 */
public final class CharLanguageModel implements Recipe {
    /** Characters per training window (and the longest context the model reads when sampling). */
    public static final int WINDOW = 64;
    /** Hidden units of every recurrent layer. */
    public static final int UNITS = 128;
    /** The prompt the recipe continues. */
    public static final String PROMPT = "to be, or not to be, that is the question: ";

    @Override public String name() { return "char-language-model"; }

    @Override public int unit() { return 3; }

    @Override public boolean readsText() { return true; }

    @Override
    public String description() {
        return "character-level language model on Hamlet: RNN, GRU and LSTM perplexity per epoch against a trigram; "
                + "text sampled with temperature";
    }

    /** The text with its split: training characters [0, cut), held-out windows from cut on, sharing one alphabet. */
    public record Text(CharCorpus corpus, int cut, Dataset train, Dataset heldOut) {
        /** The first {@code characters} characters of Hamlet (all of it when larger), lower-cased, spaces collapsed. */
        public static Text hamlet(int characters) {
            String all = normalize(Gutenberg.hamlet());
            CharCorpus corpus = new CharCorpus(all.substring(0, Math.min(characters, all.length())));
            int length = corpus.text().length(), cut = (int) (0.9 * length);
            return new Text(corpus, cut, corpus.sequences(0, cut, WINDOW, WINDOW),
                    corpus.sequences(cut, length, WINDOW, WINDOW));
        }

        /** The held-out characters the windows cover: their first input and every target after it. */
        public String heldOutText() {
            return corpus.text().substring(cut, cut + heldOut.size() * WINDOW + 1);
        }

        /** The trigram's perplexity on the held-out characters the windows predict, counted on [0, cut). */
        public double trigramPerplexity() {
            return CharTrigram.train(corpus, 0, cut).perplexity(heldOutText());
        }
    }

    /** Lower case, every run of white space one space: how the text is read, and a prompt must be too. */
    public static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** A trained model, its held-out perplexity after each epoch, and the last. */
    public record Trained(Recurrent.Cell cell, Model model, double[] perplexity) {
        public double finalPerplexity() { return perplexity[perplexity.length - 1]; }
    }

    /** A {@code cell} language model over {@code text}'s alphabet: the recurrent layer, then a softmax per step. */
    public static Model model(Recurrent.Cell cell, CharCorpus corpus, int units, long seed) {
        int v = corpus.alphabetSize();
        return Model.sequential("char-" + cell.name().toLowerCase(Locale.ROOT)).input(Shape.sequence(Shape.VARIABLE, v))
                .seed(seed).then(Recurrent.of(cell, units)).dense(v).softmax()
                .build().compile(Loss.crossEntropy(), Optimizer.adam(0.01).clipNorm(1.0));
    }

    /** Trains {@code model} for {@code fit} with the held-out windows as validation; perplexity = exp(val_loss). */
    public static Trained train(Recurrent.Cell cell, Model model, Text text, Fit fit) {
        History h = model.fit(text.train(), fit.validation(text.heldOut()));
        double[] perplexity = h.metric("val_loss");
        for (int e = 0; e < perplexity.length; e++) perplexity[e] = Math.exp(perplexity[e]);
        return new Trained(cell, model, perplexity);
    }

    /** Every cell of {@code units} units trained on {@code text} for {@code fit}, from the same seed. */
    public static List<Trained> compare(Text text, int units, Fit fit) {
        List<Trained> runs = new ArrayList<>();
        for (Recurrent.Cell cell : Recurrent.Cell.values()) runs.add(train(cell, model(cell, text.corpus(), units, 1), text, fit));
        return runs;
    }

    /** Held-out perplexity per epoch of every run on one chart, with the trigram's as a flat line. */
    public static Chart chart(List<Trained> runs, double trigram) {
        Chart chart = Chart.lines("Hamlet, held-out perplexity per epoch", "epoch", "perplexity");
        int epochs = runs.get(0).perplexity().length;
        double[] x = new double[epochs], flat = new double[epochs];
        for (int e = 0; e < epochs; e++) { x[e] = e + 1; flat[e] = trigram; }
        for (Trained t : runs) chart.series(t.cell().name(), x, t.perplexity());
        return chart.series("trigram", x, flat);
    }

    @Override
    public void run(RecipeContext ctx) {
        Text text = Text.hamlet(Integer.MAX_VALUE);
        double trigram = text.trigramPerplexity();
        ctx.printf("Hamlet: %,d characters, alphabet of %d, %d training and %d held-out windows of %d%n",
                text.corpus().text().length(), text.corpus().alphabetSize(), text.train().size(), text.heldOut().size(), WINDOW);
        ctx.printf("trigram (Witten-Bell) held-out perplexity: %.2f%n", trigram);
        List<Trained> runs = compare(text, UNITS, ctx.fit(8).batchSize(32));
        for (Trained t : runs) ctx.printf("%-10s held-out perplexity per epoch: %s%n", t.cell(), format(t.perplexity()));
        ctx.save(chart(runs, trigram), "perplexity.png");
        Trained best = runs.stream().min((a, b) -> Double.compare(a.finalPerplexity(), b.finalPerplexity())).orElseThrow();
        CharSampler sampler = CharSampler.of(best.model(), text.corpus(), WINDOW);
        String prompt = ctx.text().map(CharLanguageModel::normalize).orElse(PROMPT);
        for (double temperature : new double[] {0.5, 1.0, 1.5}) {
            try {
                ctx.printf("%s, temperature %.1f: \"%s%s\"%n", best.cell(), temperature, prompt,
                        sampler.continueFrom(prompt, 200, temperature, 1));
            } catch (IllegalArgumentException e) {
                ctx.println("cannot continue the prompt: " + e.getMessage());
                break;
            }
        }
    }

    private static String format(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) s.append(String.format(" %.2f", v));
        return s.toString().trim();
    }
}
