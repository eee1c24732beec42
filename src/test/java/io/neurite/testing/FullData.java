package io.neurite.testing;

import io.neurite.data.MissingDatasetException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/** The full datasets of {@code -Pfull-data} tests: loaded, or the test skipped saying which data to fetch. */
public final class FullData {
    private FullData() { }

    /** What {@code loader} returns; when its data is not fetched, the test is aborted (skipped) with the loader's message. */
    public static <T> T orSkip(Supplier<T> loader) {
        try {
            return loader.get();
        } catch (MissingDatasetException e) {
            return Assumptions.abort("skipped: " + e.getMessage());
        }
    }
}
