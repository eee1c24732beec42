package io.neurite.recipes.unit3;

import io.neurite.data.BertPairs;
import io.neurite.data.Dataset;
import io.neurite.data.Imdb;
import io.neurite.data.LabelledTexts;
import io.neurite.data.Vocabulary;
import io.neurite.model.Bert;
import io.neurite.model.BertPretraining;
import io.neurite.model.Model;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.Optimizer;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Pretraining a small BERT (d2l 15.8-15.10) on IMDB review text: each review's consecutive sentences make
 * next-sentence pairs (half with a random sentence of another review instead), 15% of their known words are predicted
 * (80% shown as {@code <mask>}, 10% as a random word, 10% unchanged), and one step minimizes the sum of both losses.
 * The training reviews' text is the corpus; the held-out reviews' pairs measure masked-word accuracy against always
 * guessing the commonest word, and next-sentence accuracy against chance (50%).
 * <p>
 * Each training pair is drawn several times, each time with its own masks and next-sentence draw (Devlin et al.'s
 * {@code dupe_factor}): drawn once, the model learns its few pairs' answers by heart instead of reading the context.
 * <p>
 * What it shows on the mini (measured, 1,000 training reviews drawn 6 times: 24,351 pairs of up to 32 tokens, 200
 * words, 2 blocks of width 64, Adam 1e-3, batch 32, 2 epochs, 210 s on a 2-core machine at load 3-4; scored on the
 * first 1,024 of 4,386 pairs from 1,000 held-out reviews): the model reads the context, its held-out masked-word loss
 * falling to 4.24 after epoch 1 and 4.08 after epoch 2 against 4.52 for the word frequencies alone, and its held-out
 * masked-word accuracy reaching 0.087 and 0.113 against 0.077 for always the commonest word (+-0.007 on its 1,500 or
 * so masked positions). Next-sentence accuracy stays near chance: 0.528 (+-0.016 on 1,024 pairs). On the full IMDB's
 * first 1,000 reviews the same run gives 0.115 against 0.086, loss 4.14 against 4.52, next sentence 0.549
 * ({@code BertPretrainFullDataTest}, 174 s at load 3-4). Drawn 3 times
 * (half the steps) it reached 4.26 and 0.078 only. Drawn once (400 reviews, 1,651 pairs, 10 epochs) it learned its
 * pairs by heart: training MLM accuracy 0.29, held-out 0.06-0.09 against 0.094, held-out loss rising above the
 * frequencies'. With Adam 1e-2 (d2l's rate) it predicts the commonest word throughout. BERT's tasks need far more text
 * and steps than this (d2l pretrains on WikiText-2's two million words); on texts whose cues are plain the same code
 * learns both ({@code BertPretrainingTest}). Fine-tuned for sentiment on 200 labelled reviews (5 epochs), the
 * pretrained encoder reaches training accuracy 0.695 and scores 0.510 on 500 held-out reviews, the same model from
 * scratch 0.532 (training 0.525): from 200 reviews' first 30 words neither learns sentiment, and pretraining this
 * short does not help.
 */
public final class BertPretrain implements Recipe {
    /**
     * A run's size: the first {@code reviews} training reviews as corpus and as many held-out ones, sequences of
     * {@code steps} tokens, the {@code words} commonest words, the encoder (width d, heads, feed-forward hidden,
     * blocks), and how many times each training pair is drawn with its own masks ({@link BertPairs#examples(List, long, int)}).
     */
    public record Size(int reviews, int steps, int words, int d, int heads, int hidden, int blocks, int copies) { }

    /**
     * The pretrained model, its per-epoch history (val_* on held-out pairs) and the baselines of a model that ignores
     * the context: the commonest word's accuracy and the word frequencies' loss.
     */
    public record Pretrained(BertPretraining bert, Vocabulary vocabulary, History history, double baseline,
            double frequencyLoss, int trainPairs, int heldOutPairs) {
        public double mlmAccuracy() { return history.last("val_mlm_accuracy"); }

        public double nspAccuracy() { return history.last("val_nsp_accuracy"); }
    }

    @Override public String name() { return "bert-pretrain"; }

    @Override public int unit() { return 3; }

    @Override
    public String description() {
        return "a small BERT pretrained on IMDB review text (masked words, next sentences) against baselines,"
                + " then fine-tuned for sentiment against scratch";
    }

    /**
     * Pretrains with Adam at {@code learningRate} on {@code imdb}'s first training reviews for {@code fit}, scoring its
     * held-out reviews each epoch.
     */
    public static Pretrained pretrain(LabelledTexts.Split imdb, Size size, double learningRate, Fit fit, long seed) {
        List<String> corpus = imdb.train().texts().subList(0, Math.min(size.reviews(), imdb.train().size()));
        List<String> heldOut = imdb.test().texts().subList(0, Math.min(size.reviews(), imdb.test().size()));
        Vocabulary vocabulary = Vocabulary.withBertMarks(corpus, size.words());
        BertPairs pairs = BertPairs.of(vocabulary, size.steps());
        Dataset train = pairs.examples(corpus, seed, size.copies());
        Dataset test = pairs.examples(heldOut, seed + 1);
        Model model = Bert.pretraining(vocabulary.size(), size.steps(), size.d(), size.heads(), size.hidden(),
                size.blocks(), Optimizer.adam(learningRate), seed);
        BertPretraining bert = new BertPretraining(model);
        History history = bert.fit(train, fit.validation(test));
        return new Pretrained(bert, vocabulary, history, BertPretraining.mostFrequentWordAccuracy(train, test),
                BertPretraining.wordFrequencyLoss(train, test, vocabulary.size()), train.size(), test.size());
    }

    /** Held-out sentiment accuracy of the pretrained encoder fine-tuned and of the same model trained from scratch. */
    public record FineTuned(double pretrained, double scratch) { }

    /**
     * Sentiment on few labels (d2l 16.6): the first {@code labelled} training reviews as {@code <cls>} review
     * {@code <sep>} train a classifier on the encoder twice, from {@code p}'s encoder and from scratch, same data,
     * Adam 1e-3 and {@code fit}; both are scored on the first {@code tested} held-out reviews.
     */
    public static FineTuned fineTune(Pretrained p, LabelledTexts.Split imdb, Size size, int labelled, int tested, Fit fit) {
        BertPairs singles = BertPairs.of(p.vocabulary(), size.steps());
        Dataset train = singles.singles(imdb.train().take(labelled));
        Dataset test = singles.singles(imdb.test().take(tested));
        double[] accuracy = new double[2];
        for (int run = 0; run < 2; run++) {
            Model classifier = Bert.classifier(p.vocabulary().size(), size.steps(), size.d(), size.heads(),
                    size.hidden(), size.blocks(), 2, Optimizer.adam(1e-3), 1);
            if (run == 0) Bert.copyEncoder(p.bert().model(), classifier);
            classifier.fit(train, fit);
            accuracy[run] = classifier.evaluate(test).accuracy();
        }
        return new FineTuned(accuracy[0], accuracy[1]);
    }

    /**
     * The measured run of the class comment: 1,000 reviews, 32 tokens, 200 words, 2 blocks of width 64, 2 heads,
     * feed-forward 128, each pair drawn 6 times.
     */
    public static final Size MEASURED = new Size(1000, 32, 200, 64, 2, 128, 2, 6);

    @Override
    public void run(RecipeContext ctx) {
        Pretrained p = pretrain(Imdb.load(ctx.dataSize()), MEASURED, 1e-3, ctx.fit(2).batchSize(32), 1);
        ctx.printf("%d training pairs, %d held-out pairs, vocabulary %d, %,d parameters%n", p.trainPairs(),
                p.heldOutPairs(), p.vocabulary().size(), p.bert().model().paramCount());
        ctx.printf("held-out masked-word accuracy %.3f (always the commonest word: %.3f), loss %.3f (word frequencies"
                + " alone: %.3f)%n", p.mlmAccuracy(), p.baseline(), p.history().last("val_mlm_loss"), p.frequencyLoss());
        ctx.printf("held-out next-sentence accuracy %.3f (chance: 0.500)%n", p.nspAccuracy());
        double[] epochs = IntStream.rangeClosed(1, p.history().epochs()).asDoubleStream().toArray();
        Chart accuracy = Chart.lines("BERT pretraining on IMDB reviews: held-out accuracy", "epoch", "accuracy")
                .series("masked words", epochs, p.history().metric("val_mlm_accuracy"))
                .series("commonest word", epochs, IntStream.range(0, epochs.length).mapToDouble(i -> p.baseline()).toArray())
                .series("next sentence", epochs, p.history().metric("val_nsp_accuracy"))
                .series("chance (NSP)", epochs, IntStream.range(0, epochs.length).mapToDouble(i -> 0.5).toArray());
        ctx.save(accuracy, "accuracy.png");
        ctx.save(p.history().plot(), "curves.png");
        FineTuned f = fineTune(p, Imdb.load(ctx.dataSize()), MEASURED, 200, 500, ctx.fit(5).batchSize(32));
        ctx.printf("sentiment from 200 labelled reviews (first %d words), 500 held out: fine-tuned from the pretrained"
                + " encoder %.3f, from scratch %.3f%n", MEASURED.steps() - 2, f.pretrained(), f.scratch());
    }
}
