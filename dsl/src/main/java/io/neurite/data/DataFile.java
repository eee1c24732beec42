package io.neurite.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One data file, read whole into memory: an embedded mini resource or a file in the data home. Files starting with
 * the gzip magic (1f 8b) are decompressed transparently, so a loader reads {@code x} and {@code x.gz} alike.
 */
public final class DataFile {
    private static final String MINI_ROOT = "/io/neurite/data/mini/";

    private final String name;
    private final byte[] raw;

    private DataFile(String name, byte[] raw) {
        this.name = name;
        this.raw = raw;
    }

    /**
     * The file {@code fileName} of {@code dataset} in the given size: the embedded resource for MINI, the data home
     * for FULL; either may carry an extra {@code .gz}. A missing full dataset names the fetch command.
     */
    public static DataFile of(String dataset, String fileName, DataSize size) {
        return size == DataSize.MINI ? mini(dataset, fileName) : full(dataset, fileName);
    }

    static DataFile mini(String dataset, String fileName) {
        for (String candidate : new String[] {fileName, fileName + ".gz"}) {
            String resource = MINI_ROOT + dataset + "/" + candidate;
            try (InputStream in = DataFile.class.getResourceAsStream(resource)) {
                if (in != null) return new DataFile("resource " + resource, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        throw new IllegalStateException("embedded mini " + dataset + "/" + fileName + " is missing from the jar");
    }

    static DataFile full(String dataset, String fileName) {
        Path folder = DataHome.of(dataset);
        for (String candidate : new String[] {fileName, fileName + ".gz"}) {
            Path path = folder.resolve(candidate);
            if (Files.isRegularFile(path)) return of(path);
        }
        throw new MissingDatasetException(dataset, folder.resolve(fileName));
    }

    /** Any file on disk (a user's own copy, or a test fixture). */
    public static DataFile of(Path path) {
        try {
            return new DataFile(path.toString(), Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Where the bytes came from, for error messages. */
    public String name() { return name; }

    /** The content, decompressed when the file is gzipped; a truncated or corrupt gzip names its byte offset. */
    public byte[] bytes() {
        if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) return raw;
        CountingInput counted = new CountingInput(raw);
        try (InputStream in = new GZIPInputStream(counted, 1 << 16)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
            in.transferTo(out);
            return out.toByteArray();
        } catch (EOFException e) {
            throw new DataFormatException(name, "compressed byte " + raw.length, "more gzip data (" + raw.length
                    + " bytes read)", "end of file: the gzip stream is truncated", e);
        } catch (ZipException e) {
            throw new DataFormatException(name, "compressed byte " + counted.position(), "a valid gzip stream",
                    "corrupt data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }

    /** The decompressed content as text in the given charset. */
    public String text(java.nio.charset.Charset charset) {
        return new String(bytes(), charset);
    }

    private static final class CountingInput extends ByteArrayInputStream {
        CountingInput(byte[] bytes) { super(bytes); }

        int position() { return pos; }
    }
}
