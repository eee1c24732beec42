package io.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each loader, fed a truncated or corrupt file, fails naming the file, the position and what was expected. */
class CorruptFilesTest {
    @TempDir Path dir;

    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @Test
    void idxWithWrongMagicNamesByteZeroAndTheExpectedMagic() throws IOException {
        Path labels = write("labels", idx(Idx.LABELS_MAGIC, new int[] {2}, new byte[] {1, 2}));
        // A labels file passed where images are expected: magic 2049 instead of 2051.
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxImages.load(DataFile.of(labels), DataFile.of(labels), DIGITS));
        assertEquals(labels.toString(), e.file());
        assertEquals("byte 0", e.position());
        assertTrue(e.getMessage().contains("IDX magic number 2051"), e.getMessage());
    }

    @Test
    void truncatedIdxReportsExpectedAndActualLength() throws IOException {
        byte[] full = idx(Idx.IMAGES_MAGIC, new int[] {2, 2, 2}, new byte[8]);
        Path images = write("images", Arrays.copyOf(full, full.length - 3));
        Path labels = write("labels", idx(Idx.LABELS_MAGIC, new int[] {2}, new byte[] {1, 2}));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxImages.load(DataFile.of(images), DataFile.of(labels), DIGITS));
        assertTrue(e.getMessage().contains("24 bytes") && e.getMessage().contains("21 bytes (truncated)"), e.getMessage());
    }

    @Test
    void labelCountMismatchAndOutOfRangeLabelAreReported() throws IOException {
        Path images = write("images", idx(Idx.IMAGES_MAGIC, new int[] {2, 1, 1}, new byte[] {0, (byte) 255}));
        Path three = write("three", idx(Idx.LABELS_MAGIC, new int[] {3}, new byte[] {1, 2, 3}));
        assertThrows(DataFormatException.class, () -> IdxImages.load(DataFile.of(images), DataFile.of(three), DIGITS));
        Path bad = write("bad", idx(Idx.LABELS_MAGIC, new int[] {2}, new byte[] {1, 12}));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxImages.load(DataFile.of(images), DataFile.of(bad), DIGITS));
        assertEquals("byte 9", e.position());
        Dataset ok = IdxImages.load(DataFile.of(images), DataFile.of(write("ok", idx(Idx.LABELS_MAGIC, new int[] {2},
                new byte[] {3, 4}))), DIGITS);
        assertEquals(1.0, ok.features().getDouble(1, 0), 0.0, "255 scales to 1");
    }

    @Test
    void truncatedGzipIsReportedWithItsLength() throws IOException {
        byte[] gz = gzip(idx(Idx.LABELS_MAGIC, new int[] {1000}, new byte[1000]));
        Path cut = write("labels.gz", Arrays.copyOf(gz, gz.length / 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataFile.of(cut).bytes());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertEquals("compressed byte " + gz.length / 2, e.position());
    }

    @Test
    void csvWithATextCellOrTooFewRowsNamesTheLine() throws IOException {
        Path bad = write("iris.csv", "3,2,a,b\n1.0,2.0,0\n1.0,oops,1\n1,1,1\n".getBytes(StandardCharsets.UTF_8));
        DataFormatException e = assertThrows(DataFormatException.class, () -> SklearnCsv.withHeader(DataFile.of(bad)));
        assertEquals("line 3, column 2", e.position());
        assertTrue(e.getMessage().contains("expected a number but found 'oops'"), e.getMessage());

        Path shortFile = write("short.csv", "3,2,a,b\n1.0,2.0,0\n".getBytes(StandardCharsets.UTF_8));
        e = assertThrows(DataFormatException.class, () -> SklearnCsv.withHeader(DataFile.of(shortFile)));
        assertTrue(e.getMessage().contains("3 data rows") && e.getMessage().contains("truncated"), e.getMessage());

        Path wide = write("wide.csv", "1,2,a,b\n1.0,2.0,3.0,0\n".getBytes(StandardCharsets.UTF_8));
        e = assertThrows(DataFormatException.class, () -> SklearnCsv.withHeader(DataFile.of(wide)));
        assertEquals("line 2", e.position());

        Path label = write("label.csv", "1,2,a,b\n1.0,2.0,2\n".getBytes(StandardCharsets.UTF_8));
        e = assertThrows(DataFormatException.class, () -> SklearnCsv.withHeader(DataFile.of(label)));
        assertTrue(e.getMessage().contains("class index in [0, 2)"), e.getMessage());
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws IOException {
        Path json = write("reviews.json", "[{\"t\": \"good\", \"s\": 1},\n {\"t\": \"bad\" \"s\": 0}]"
                .getBytes(StandardCharsets.UTF_8));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Imdb.read(DataFile.of(json)));
        assertTrue(e.position().startsWith("line 2, column"), e.position());

        Path label = write("label.json", "[{\"t\": \"good\", \"s\": 7}]".getBytes(StandardCharsets.UTF_8));
        e = assertThrows(DataFormatException.class, () -> Imdb.read(DataFile.of(label)));
        assertTrue(e.getMessage().contains("review 0"), e.getMessage());

        Path cut = write("cut.json", "[{\"t\": \"good\", \"s\": 1}, {\"t\": \"ba".getBytes(StandardCharsets.UTF_8));
        assertThrows(DataFormatException.class, () -> Imdb.read(DataFile.of(cut)));
    }

    @Test
    void sentencePairWithoutTabAndBrokenSeriesFilesAreReported() throws IOException {
        Path tsv = write("pairs.tsv", "Hello.\tBonjour.\nno tab here\n".getBytes(StandardCharsets.UTF_8));
        DataFormatException e = assertThrows(DataFormatException.class, () -> SentencePairs.read(DataFile.of(tsv)));
        assertEquals("line 2", e.position());

        Path xml = write("bjg.gdt", "<gretldata><observations><obs>112 4.7</obs>\n<obs>118".getBytes(StandardCharsets.UTF_8));
        e = assertThrows(DataFormatException.class, () -> Airline.read(DataFile.of(xml)));
        assertTrue(e.position().startsWith("line 2"), e.position());

        Path csv = write("sunspots.csv", "\"YEAR\",\"SUNACTIVITY\"\n1700,5\n1702,16\n".getBytes(StandardCharsets.UTF_8));
        e = assertThrows(DataFormatException.class, () -> Sunspots.read(DataFile.of(csv)));
        assertEquals("line 3", e.position());
        assertTrue(e.getMessage().contains("expected year 1701"), e.getMessage());
    }

    static byte[] idx(int magic, int[] dims, byte[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + values.length);
        b.putInt(magic);
        for (int d : dims) b.putInt(d);
        b.put(values);
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
