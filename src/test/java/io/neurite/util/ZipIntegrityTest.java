package io.neurite.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged zip archives are named as damaged with the file and the damage; intact ones and non-zips pass untouched. */
class ZipIntegrityTest {
    private static final String FIX = ". It changed after it was written (an interrupted copy or download, a full disk,"
            + " a faulty drive); copy it again from its source, or save it again";

    @TempDir Path dir;

    @Test
    void intactArchivesAndFilesThatAreNoZipAtAllPass() throws IOException {
        ZipIntegrity.requireIntact(archive("ok.zip", ZipEntry.DEFLATED));
        ZipIntegrity.requireIntact(Files.writeString(dir.resolve("notes.txt"), "not a zip; the caller says so"));
    }

    @Test
    void aFlippedByteInCompressedDataNamesTheEntry() throws IOException {
        Path file = archive("model.zip", ZipEntry.DEFLATED);
        byte[] bytes = Files.readAllBytes(file);
        for (int i = bytes.length / 3; i < bytes.length / 3 + 8; i++) bytes[i] ^= 0x5a;
        Files.write(file, bytes);
        String message = damaged(file);
        assertTrue(message.startsWith(file + " is damaged: entry 'coefficients.bin' "), message);
        assertTrue(message.endsWith(FIX), message);
        assertArrayEquals(bytes, Files.readAllBytes(file), "checking does not touch the file");
    }

    @Test
    void aFlippedByteInStoredDataFailsTheChecksum() throws IOException {
        Path file = archive("stored.zip", ZipEntry.STORED);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 0x01;
        Files.write(file, bytes);
        String message = damaged(file);
        assertTrue(message.matches(".* is damaged: entry 'coefficients\\.bin' fails its checksum \\(CRC-32 [0-9a-f]+,"
                + " recorded [0-9a-f]+\\)\\. It changed after .*"), message);
    }

    @Test
    void aCutShortOrEmptyArchiveIsDamaged() throws IOException {
        Path file = archive("cut.zip", ZipEntry.DEFLATED);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(damaged(file).startsWith(file + " is damaged: its zip directory is missing or unreadable ("),
                damaged(file));
        assertTrue(damaged(file).contains("so the file is cut short or overwritten at its end (" + bytes.length / 2
                + " bytes)" + FIX), damaged(file));
        Path empty = Files.write(dir.resolve("empty.zip"), new byte[0]);
        assertTrue(damaged(empty).equals(empty + " is damaged: it is empty (0 bytes)" + FIX), damaged(empty));
    }

    private static String damaged(Path file) {
        return assertThrows(IllegalArgumentException.class, () -> ZipIntegrity.requireIntact(file)).getMessage();
    }

    /** A zip like a saved model's: a small text entry and 64 KB of float weights. */
    private Path archive(String name, int method) throws IOException {
        ByteBuffer weights = ByteBuffer.allocate(64 * 1024);
        Random random = new Random(1);
        while (weights.hasRemaining()) weights.putFloat((float) random.nextGaussian());
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setMethod(method);
            entry(zip, "configuration.json", "{\"layers\": 3}".getBytes(), method);
            entry(zip, "coefficients.bin", weights.array(), method);
        }
        return file;
    }

    private static void entry(ZipOutputStream zip, String name, byte[] data, int method) throws IOException {
        ZipEntry e = new ZipEntry(name);
        if (method == ZipEntry.STORED) {
            CRC32 crc = new CRC32();
            crc.update(data);
            e.setSize(data.length);
            e.setCompressedSize(data.length);
            e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}
