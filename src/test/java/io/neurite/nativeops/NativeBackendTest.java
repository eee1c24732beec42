package io.neurite.nativeops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The natives the build chose (pom property nd4j.natives.classifier, passed by surefire) are the ones loaded. */
class NativeBackendTest {
    @Test
    void loadedBinaryMatchesConfiguredClassifier() {
        String classifier = System.getProperty("neurite.nd4j.natives", "");
        assertTrue(!classifier.isEmpty(), "surefire must pass neurite.nd4j.natives");
        assertEquals(classifier.contains("onednn"), NativeBackend.hasOneDnn(),
                "classifier " + classifier + " but build info:\n" + NativeBackend.buildInfo());
        assertTrue(NativeBackend.buildInfo().contains("HAVE_OPENBLAS"));
    }

    @Test
    void surefireRunsOneOpenMpThread() {
        assertEquals(1, NativeBackend.ompThreads());
        assertTrue(NativeBackend.describe().contains("OpenMP threads 1"), NativeBackend.describe());
    }
}
