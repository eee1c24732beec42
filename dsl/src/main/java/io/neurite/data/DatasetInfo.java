package io.neurite.data;

import java.util.List;

/**
 * What a dataset is: its name (as used by {@code neurite data fetch}), where it comes from, its licence, its
 * canonical train/test split and its class names (empty for regression, text and series data).
 */
public record DatasetInfo(String name, String description, String source, String licence, String split,
                          List<String> classNames) {
    public DatasetInfo {
        classNames = List.copyOf(classNames);
    }
}
