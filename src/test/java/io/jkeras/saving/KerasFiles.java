package io.jkeras.saving;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The real Keras files in src/test/resources/keras-files (origins in its SOURCES.md), as paths on disk. */
public final class KerasFiles {
    private KerasFiles() {
    }

    /** Copies resource {@code name} into {@code dir} (HDF5 needs a real file) and returns its path. */
    public static Path copy(String name, Path dir) {
        try (InputStream in = KerasFiles.class.getResourceAsStream("/keras-files/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource keras-files/" + name);
            Path out = dir.resolve(name);
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
