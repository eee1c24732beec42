package io.neurite.recipes.unit3;

import io.neurite.data.SentencePairs;
import io.neurite.data.Vocabulary;
import io.neurite.eval.Bleu;
import io.neurite.model.Seq2Seq;
import io.neurite.plot.Heatmap;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;
import io.neurite.train.Optimizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * English to French translation (d2l 10.7, 11.4, 11.7) on the project's sentence pairs, cut as d2l cuts its fra-eng
 * set: short sentences (at most {@value #MAX_ENGLISH} English and {@value #MAX_FRENCH} French words), lower case, words
 * among each side's most frequent, each English sentence once. Three encoder-decoders with the same data, epochs,
 * batch and optimizer: a GRU seq2seq, the same with additive attention, and a Transformer. Each is scored by corpus
 * BLEU-4 and d2l's mean BLEU (k = 2) on held-out pairs (greedy and beam 3), and on d2l's four sentences; the attention
 * model's weights for one translated sentence are drawn as a heatmap.
 */
public final class TranslationEnFr implements Recipe {
    /** Longest sentences kept, in words (the vocabulary's tokens: punctuation dropped). */
    public static final int MAX_ENGLISH = 5, MAX_FRENCH = 7;
    /** d2l's four test sentences and its reference translations. */
    public static final List<String> D2L_ENGLISH = List.of("go .", "i lost .", "he's calm .", "i'm home .");
    public static final List<String> D2L_FRENCH = List.of("va !", "j'ai perdu .", "il est calme .", "je suis chez moi .");
    /** English words kept (French: 1.2 times as many). */
    public static final int WORDS = 1000;
    private static final int EMBEDDING = 32, HIDDEN = 64, EPOCHS = 10;

    @Override public String name() { return "translation-en-fr"; }

    @Override public int unit() { return 3; }

    @Override public boolean hasFullData() { return true; }

    @Override
    public String description() {
        return "English-French translation: GRU seq2seq, with additive attention, and a Transformer; BLEU, beam search, attention heatmap";
    }

    /** Training and held-out pairs, each side as its tokens joined by spaces. */
    public record Corpus(List<String[]> train, List<String[]> test, Vocabulary english, Vocabulary french) {
        List<String> sources(List<String[]> pairs) { return pairs.stream().map(p -> p[0]).toList(); }

        List<String> targets(List<String[]> pairs) { return pairs.stream().map(p -> p[1]).toList(); }
    }

    /**
     * The short pairs whose words are all among the {@code words} most frequent English (and 1.2 x {@code words}
     * French) words of the short pairs, each English sentence once, shuffled by {@code seed}; the last
     * {@code testShare} held out. The vocabularies are the training pairs' words.
     */
    public static Corpus corpus(List<SentencePairs.Pair> pairs, int words, double testShare, long seed) {
        List<String[]> shortPairs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SentencePairs.Pair p : pairs) {
            List<String> en = Vocabulary.tokens(p.english());
            List<String> fr = Vocabulary.tokens(p.french());
            if (en.isEmpty() || fr.isEmpty() || en.size() > MAX_ENGLISH || fr.size() > MAX_FRENCH) continue;
            if (seen.add(String.join(" ", en))) shortPairs.add(new String[] {String.join(" ", en), String.join(" ", fr)});
        }
        Vocabulary en = Vocabulary.build(shortPairs.stream().map(p -> p[0]).toList(), words);
        Vocabulary fr = Vocabulary.build(shortPairs.stream().map(p -> p[1]).toList(), (int) (1.2 * words));
        List<String[]> kept = new ArrayList<>(shortPairs.stream()
                .filter(p -> known(en, p[0]) && known(fr, p[1])).toList());
        Collections.shuffle(kept, new Random(seed));
        int test = (int) Math.round(kept.size() * testShare);
        List<String[]> train = kept.subList(0, kept.size() - test);
        return new Corpus(train, kept.subList(kept.size() - test, kept.size()),
                Vocabulary.build(train.stream().map(p -> p[0]).toList(), Integer.MAX_VALUE),
                Vocabulary.withSentenceMarks(train.stream().map(p -> p[1]).toList(), Integer.MAX_VALUE));
    }

    private static boolean known(Vocabulary v, String sentence) {
        return Vocabulary.tokens(sentence).stream().allMatch(w -> v.indexOf(w) != Vocabulary.UNKNOWN);
    }

    /** The three encoder-decoders, by name, each built for a corpus and a seed. */
    public static Map<String, Function<Corpus, Seq2Seq>> models(long seed) {
        int source = MAX_ENGLISH, target = MAX_FRENCH + 1;
        Map<String, Function<Corpus, Seq2Seq>> m = new java.util.LinkedHashMap<>();
        m.put("GRU", c -> Seq2Seq.gru(c.english(), c.french(), source, target, EMBEDDING, HIDDEN, Optimizer.adam(0.005), seed));
        m.put("GRU + additive attention", c -> Seq2Seq.gruWithAttention(c.english(), c.french(), source, target, EMBEDDING,
                HIDDEN, Optimizer.adam(0.005), seed));
        m.put("Transformer", c -> Seq2Seq.transformer(c.english(), c.french(), source, target, HIDDEN, 4, 2 * HIDDEN, 2,
                Optimizer.adam(0.005), seed));
        return m;
    }

    /** Scores of one trained model. */
    public record Scores(String model, long params, double seconds, double corpusBleu, double d2lBleu,
            double beamCorpusBleu, double beamD2lBleu, List<String> d2lTranslations, double d2lSentencesBleu) { }

    /** Trains {@code translator} on the corpus for {@code fit} and scores it. */
    public static Scores trainAndScore(String name, Seq2Seq translator, Corpus c, Fit fit) {
        long start = System.nanoTime();
        translator.model().fit(translator.data(c.sources(c.train()), c.targets(c.train())), fit);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> references = c.targets(c.test());
        List<String> greedy = c.sources(c.test()).stream().map(translator::translate).toList();
        List<String> beam = c.sources(c.test()).stream().map(s -> translator.translate(s, 3)).toList();
        List<String> d2l = D2L_ENGLISH.stream().map(translator::translate).toList();
        List<String> d2lReferences = D2L_FRENCH.stream().map(r -> String.join(" ", Vocabulary.tokens(r))).toList();
        return new Scores(name, translator.model().paramCount(), seconds, Bleu.corpus(greedy, references),
                meanD2l(greedy, references), Bleu.corpus(beam, references), meanD2l(beam, references), d2l,
                meanD2l(d2l, d2lReferences));
    }

    /** d2l's BLEU (k = 2) averaged over sentences. */
    public static double meanD2l(List<String> candidates, List<String> references) {
        double sum = 0;
        for (int i = 0; i < candidates.size(); i++) sum += Bleu.d2l(candidates.get(i), references.get(i), 2);
        return candidates.isEmpty() ? 0 : sum / candidates.size();
    }

    @Override
    public void run(RecipeContext ctx) { lesson(ctx, corpus(SentencePairs.load(ctx.dataSize()), WORDS, 0.1, 1)); }

    /** The lesson on corpus {@code c}: the three models trained and scored, the attention heatmap saved. */
    public static void lesson(RecipeContext ctx, Corpus c) {
        ctx.printf("%d training and %d held-out pairs (English <= %d words, French <= %d); vocabularies %d English, %d"
                + " French%n", c.train().size(), c.test().size(), MAX_ENGLISH, MAX_FRENCH, c.english().size(), c.french().size());
        Map<String, Seq2Seq> trained = new HashMap<>();
        List<Scores> all = new ArrayList<>();
        for (var e : models(1).entrySet()) {
            Seq2Seq s = e.getValue().apply(c);
            Scores r = trainAndScore(e.getKey(), s, c, ctx.fit(EPOCHS).batchSize(64));
            trained.put(e.getKey(), s);
            all.add(r);
            ctx.printf("%-26s %8d params, %6.0f s: held-out corpus BLEU %.3f, d2l BLEU %.3f; beam 3: %.3f, %.3f%n",
                    r.model(), r.params(), r.seconds(), r.corpusBleu(), r.d2lBleu(), r.beamCorpusBleu(), r.beamD2lBleu());
            for (int i = 0; i < D2L_ENGLISH.size(); i++) {
                ctx.printf("    %-12s -> %-28s (d2l: %s)%n", D2L_ENGLISH.get(i), r.d2lTranslations().get(i), D2L_FRENCH.get(i));
            }
            ctx.printf("    mean d2l BLEU on the four sentences %.3f%n", r.d2lSentencesBleu());
        }
        Seq2Seq attention = trained.get("GRU + additive attention");
        String[] example = c.test().stream().filter(p -> p[0].split(" ").length >= 3).findFirst().orElse(c.test().get(0));
        String translation = attention.translate(example[0]);
        ctx.printf("attention heatmap: '%s' -> '%s' (reference '%s')%n", example[0], translation, example[1]);
        double[][] weights = attention.attentionWeights(example[0], translation);
        List<String> words = translation.isEmpty() ? List.of() : List.of(translation.split(" "));
        List<String> rows = java.util.stream.IntStream.range(0, weights.length)
                .mapToObj(i -> i < words.size() ? words.get(i) : "<eos>").toList();
        ctx.save(Heatmap.grid("Additive attention: '" + example[0] + "'", "source word", "predicted word", weights,
                List.of(example[0].split(" ")), rows, true), "attention-heatmap.png");
    }
}
