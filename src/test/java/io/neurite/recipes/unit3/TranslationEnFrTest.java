package io.neurite.recipes.unit3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.data.DataSize;
import io.neurite.data.SentencePairs;
import io.neurite.data.Vocabulary;
import io.neurite.recipes.RecipeContext;
import io.neurite.recipes.Recipes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The translation lesson: d2l's cut of the sentence pairs, then the three translators end to end on the mini pairs. */
class TranslationEnFrTest {
    @Test
    void theCorpusKeepsShortLowerCasedPairsOfFrequentWordsOnce() {
        List<SentencePairs.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 9; i++) pairs.add(new SentencePairs.Pair("I'm home.", "Je suis chez moi."));    // once
        pairs.add(new SentencePairs.Pair("Go!", "Va !"));
        pairs.add(new SentencePairs.Pair("He's calm, he's calm.", "Il est calme."));
        pairs.add(new SentencePairs.Pair("one two three four five six", "un"));           // 6 English words: too long
        pairs.add(new SentencePairs.Pair("go", "un deux trois quatre cinq six sept huit")); // 8 French words: too long
        pairs.add(new SentencePairs.Pair("I lost.", "J'ai perdu."));
        pairs.add(new SentencePairs.Pair("Rare word here", "Mot rare ici"));
        TranslationEnFr.Corpus c = TranslationEnFr.corpus(pairs, 100, 0.2, 1);
        List<String> all = new ArrayList<>();
        c.train().forEach(p -> all.add(p[0] + " | " + p[1]));
        c.test().forEach(p -> all.add(p[0] + " | " + p[1]));
        all.sort(null);
        assertEquals(List.of("go | va", "he's calm he's calm | il est calme", "i lost | j'ai perdu",
                "i'm home | je suis chez moi", "rare word here | mot rare ici"), all);
        assertEquals(1, c.test().size(), "20% of 5 pairs held out");
        assertTrue(c.train().stream().allMatch(p -> Vocabulary.tokens(p[0]).stream()
                .allMatch(w -> c.english().indexOf(w) != Vocabulary.UNKNOWN)));
        // 7 English words: he's, calm (twice each), then alphabetically go, here, i, i'm, lost; 8 French words, all
        // seen once: calme, chez, est, ici, il, j'ai, je, moi. Only "he's calm he's calm | il est calme" has all its words
        TranslationEnFr.Corpus cut = TranslationEnFr.corpus(pairs, 7, 0, 1);
        assertEquals(List.of("he's calm he's calm"), cut.train().stream().map(p -> p[0]).toList());
        assertEquals(2, c.french().indexOf(Vocabulary.BEGIN));
    }

    /**
     * One epoch of each model on 40 of the mini pairs, 3 held out: every model trains and translates real pairs (batches
     * cut to their longest sentence), and the heatmap is drawn. 3 minutes on a loaded 2-core machine with 80 and 8.
     */
    @Test
    @Tag("slow")
    void theLessonTrainsAllThreeAndDrawsTheAttention(@TempDir Path dir) throws Exception {
        assertEquals(3, Recipes.find("translation-en-fr").orElseThrow().unit());
        TranslationEnFr.Corpus all = TranslationEnFr.corpus(SentencePairs.load(DataSize.MINI), TranslationEnFr.WORDS, 0.1, 1);
        List<String[]> train = all.train().subList(0, 40);
        TranslationEnFr.Corpus small = new TranslationEnFr.Corpus(train, all.test().subList(0, 3),
                Vocabulary.build(train.stream().map(p -> p[0]).toList(), 1000),
                Vocabulary.withSentenceMarks(train.stream().map(p -> p[1]).toList(), 1000));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        TranslationEnFr.lesson(new RecipeContext(dir, 0.05, DataSize.MINI, new PrintStream(text, true,
                StandardCharsets.UTF_8), io.neurite.train.Progress.silent()), small);
        String out = text.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        for (String model : List.of("GRU ", "GRU + additive attention", "Transformer")) assertTrue(out.contains(model), out);
        assertTrue(out.contains("i'm home .   -> "), out);
        assertTrue(Files.size(dir.resolve("attention-heatmap.png")) > 1000);
    }
}
