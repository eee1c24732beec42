package io.neurite.model;

/** A model that cannot be built as written. The message names the layer, what it got, what it expected and a fix. */
public final class ModelDefinitionException extends IllegalArgumentException {
    public ModelDefinitionException(String message) {
        super(message);
    }
}
