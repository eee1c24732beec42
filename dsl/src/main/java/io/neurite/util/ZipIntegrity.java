package io.neurite.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Tells a damaged zip archive (a saved model, a checkpoint) from a file that merely has the wrong content, so that a
 * bit flip or a cut-off copy is reported as "damaged" with the file's name instead of zlib's "invalid distance code".
 * Reads and decompresses every entry once and compares it with the CRC-32 recorded when it was written.
 */
public final class ZipIntegrity {
    private static final int LOCAL_HEADER = 0x04034b50;

    private ZipIntegrity() { }

    /**
     * Nothing when {@code file} is not a zip archive (its first bytes say so; the caller reports what it expected) or
     * is one whose every entry decompresses to its recorded CRC-32; otherwise an {@link IllegalArgumentException}
     * naming the file, the damage (empty, directory missing, an entry that cannot be decompressed or fails its
     * checksum) and the fix.
     */
    public static void requireIntact(Path file) {
        String damage;
        try {
            damage = damage(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (damage != null) {
            throw new IllegalArgumentException(file + " is damaged: " + damage + ". It changed after it was written (an"
                    + " interrupted copy or download, a full disk, a faulty drive); copy it again from its source, or"
                    + " save it again");
        }
    }

    /** What is wrong with {@code file} as a zip archive, or null when it is intact or not a zip archive at all. */
    private static String damage(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) return "it is empty (0 bytes)";
        byte[] start = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(start, 0, 4) < 4 || littleEndianInt(start) != LOCAL_HEADER) return null;
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            return "its zip directory is missing or unreadable (" + e.getMessage() + "), so the file is cut short or"
                    + " overwritten at its end (" + size + " bytes)";
        }
        try (zip) {
            byte[] buffer = new byte[1 << 16];
            for (ZipEntry entry : Collections.list(zip.entries())) {
                CRC32 crc = new CRC32();
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n; (n = in.read(buffer)) > 0; ) crc.update(buffer, 0, n);
                } catch (IOException e) {
                    return "entry '" + entry.getName() + "' cannot be decompressed (" + e.getMessage() + ")";
                }
                if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                    return "entry '" + entry.getName() + "' fails its checksum (CRC-32 " + Long.toHexString(crc.getValue())
                            + ", recorded " + Long.toHexString(entry.getCrc()) + ")";
                }
            }
        }
        return null;
    }

    private static int littleEndianInt(byte[] b) {
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }
}
