package io.neurite.nativeops;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/** Helpers for layer configurations that extend DL4J's own and start from one DL4J's builder made. */
final class Dl4jConfigs {
    private Dl4jConfigs() { }

    /**
     * Copies every instance field that {@code type} and its superclasses declare from {@code from} into {@code to}
     * (a subclass instance): the subclass then configures exactly what the DL4J builder configured, including
     * settings the global configuration fills in later.
     */
    static <T> void copyFields(Class<T> type, T from, T to) {
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;
                try {
                    f.setAccessible(true);
                    f.set(to, f.get(from));
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new IllegalStateException("cannot copy " + c.getSimpleName() + "." + f.getName()
                            + " (a DL4J version with other fields?)", e);
                }
            }
        }
    }
}
