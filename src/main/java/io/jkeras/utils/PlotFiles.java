package io.jkeras.utils;

import io.jkeras.saving.AtomicWrite;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What every jkeras plot does around its drawing: run AWT headless (no window, no display needed), write the file
 * atomically (a reader never sees half a PNG), then show it in the terminal ({@link Terminal}).
 */
final class PlotFiles {
    private PlotFiles() {
    }

    /** Asks AWT for headless mode unless the program chose already; must run before the first AWT class loads. */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    /** What writes a file's bytes. */
    @FunctionalInterface
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code path} through {@code writer} atomically, shows it if it is a PNG, and returns the absolute path. */
    static Path write(String path, Writer writer) throws IOException {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("A file name is needed, e.g. \"plot.png\"");
        Path p = Path.of(path).toAbsolutePath();
        AtomicWrite.write(p, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
        });
        if (extension(path).equals("png")) Terminal.show(p);
        return p;
    }

    /** Writes an image as PNG (the only format these plots write; {@code .png} is expected on the name). */
    static Path writePng(String path, BufferedImage image) throws IOException {
        requirePng(path);
        return write(path, out -> {
            if (!ImageIO.write(image, "png", out)) throw new IOException("javax.imageio has no PNG writer");
        });
    }

    /** Fails early, with the fix, if a chart is asked for in a format it is not written in. */
    static void requirePng(String path) {
        String ext = extension(path);
        if (!ext.equals("png")) {
            throw new IllegalArgumentException("Plots are written as PNG: give the file a .png extension. Received: " + path);
        }
    }

    /** The lower-case extension without the dot, or "" if none. */
    static String extension(String path) {
        String name = Path.of(path).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
