package io.jkeras.saving;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file atomically: the content goes to a temporary file in the target's own directory (so the
 * final rename stays on one file system), which then replaces the target in one rename. Readers see the
 * old file or the new one, never half of one; if writing fails for any reason the old file is untouched
 * and the temporary file is removed.
 *
 * <pre>{@code
 * AtomicWrite.write(Path.of("model.keras"), tmp -> Files.writeString(tmp, "..."));
 * }</pre>
 */
public final class AtomicWrite {
    private AtomicWrite() {
    }

    /** What writes the content into the temporary file it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temporary) throws IOException;
    }

    /**
     * Writes {@code target} through {@code content}, creating missing parent directories.
     *
     * @throws IOException from the content writer or the file system; the target is then unchanged
     */
    public static void write(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) Files.createDirectories(dir);
        if (Files.isDirectory(abs)) throw new IOException(target + ": is a directory, cannot save a file there");
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            content.writeTo(tmp);
            permissions(tmp, abs);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Some file systems (network shares) cannot rename atomically; replacing is the best left.
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) Files.deleteIfExists(tmp);
        }
    }

    /**
     * Gives the finished temporary file the permissions the saved file should have: those of the file it replaces,
     * else {@code rw-r--r--} as a new file usually gets. A temporary file is created owner-only ({@code rw-------}),
     * which would otherwise travel to every model, weights file and plot saved. Not applicable off POSIX.
     */
    private static void permissions(Path tmp, Path target) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) return;
        java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }

    /** Where {@link #scratch} puts its files: the system's temporary directory unless a test points it elsewhere. */
    static volatile Path scratchDirectory;

    /** A temporary file next to nothing in particular, for an intermediate product (the weights inside a zip). */
    static Path scratch(String suffix) throws IOException {
        Path dir = scratchDirectory;
        return dir == null ? Files.createTempFile("jkeras-", suffix) : Files.createTempFile(dir, "jkeras-", suffix);
    }
}
