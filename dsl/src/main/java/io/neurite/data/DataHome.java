package io.neurite.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * The folder holding full datasets, one sub-folder per dataset. Resolved in this order: the system property
 * {@code neurite.data}, the environment variable {@code NEURITE_DATA}, then {@code ~/.neurite/data}.
 */
public final class DataHome {
    public static final String PROPERTY = "neurite.data";
    public static final String ENVIRONMENT = "NEURITE_DATA";

    private DataHome() { }

    /** The data home of this process. */
    public static Path get() {
        return resolve(System.getProperty(PROPERTY), System.getenv(), System.getProperty("user.home"));
    }

    /** The data home for a given property value (may be null), environment and user home. */
    static Path resolve(String property, Map<String, String> environment, String userHome) {
        if (property != null && !property.isBlank()) return Path.of(property).toAbsolutePath();
        String env = environment.get(ENVIRONMENT);
        if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath();
        return Path.of(userHome, ".neurite", "data").toAbsolutePath();
    }

    /** The folder of one dataset inside the data home. */
    public static Path of(String dataset) {
        return get().resolve(dataset);
    }
}
