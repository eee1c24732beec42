package io.neurite.data;

import java.nio.file.Path;

/** A full dataset that is not in the data home; the message names the command that fetches it. */
public final class MissingDatasetException extends RuntimeException {
    public MissingDatasetException(String dataset, Path expected) {
        super("the full " + dataset + " dataset is not in the data home (" + expected + " is missing); run: neurite data fetch "
                + dataset + "   (or use the embedded mini with DataSize.MINI)");
    }
}
