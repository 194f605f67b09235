package io.jkeras.applications;

import io.jkeras.saving.Json;
import io.jkeras.utils.FileUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The model zoo's manifest, {@code models/applications.json}: for each application its weight files (Keras's own
 * names, origin URLs and hashes) and the ImageNet class index. Read from the class path ({@code models/} in the
 * jar or in {@code target/classes}), else from the repository's {@code models/} folder, so that it works from a
 * jar, from Maven and from a JShell script alike.
 *
 * <pre>{@code
 * jshell> Manifest.weights("vgg16", true, 0, 0).file()
 * $1 ==> "vgg16_weights_tf_dim_ordering_tf_kernels.h5"
 * }</pre>
 */
public final class Manifest {
    private static Map<String, Object> manifest;

    private Manifest() {
    }

    /** One weights file: Keras's file name, its origin URL and its hash ({@code null}: Keras publishes none). */
    public record Entry(String file, String origin, String fileHash) {
        /** The file in Keras's cache ({@code models/}), downloaded if missing: see {@link FileUtils#getFile}. */
        public Path fetch() throws IOException {
            return FileUtils.getFile(file, origin, fileHash, "models");
        }

        /** The same, in another cache folder (tests, or a shared cache). */
        public Path fetch(Path cacheDir) throws IOException {
            return FileUtils.getFile(file, origin, fileHash, "models", cacheDir);
        }
    }

    /**
     * The weights file of an application.
     *
     * @param model {@code "vgg16"}, {@code "vgg19"}, {@code "resnet50"} or {@code "mobilenet_v2"}
     * @param includeTop with the classifier ("top") or without
     * @param alpha MobileNetV2's width multiplier (ignored by the others)
     * @param rows MobileNetV2's input size (ignored by the others)
     */
    @SuppressWarnings("unchecked")
    public static Entry weights(String model, boolean includeTop, double alpha, int rows) {
        Map<String, Object> all = (Map<String, Object>) manifest().get("weights");
        Map<String, Object> m = (Map<String, Object>) all.get(model);
        if (m == null) throw new IllegalArgumentException("No weights for \"" + model + "\" in models/applications.json; known: " + all.keySet());
        Map<String, Object> e = (Map<String, Object>) m.get(includeTop ? "top" : "notop");
        // Python's float(alpha) prints 1.0, 0.35, 0.5: as Java's Double.toString for these values.
        String a = Double.toString(alpha);
        String r = Integer.toString(rows);
        return new Entry(fill((String) e.get("file"), a, r), fill((String) e.get("origin"), a, r), (String) e.get("file_hash"));
    }

    private static String fill(String s, String alpha, String rows) {
        return s.replace("{alpha}", alpha).replace("{rows}", rows);
    }

    /** The class index's entry: the bundled file's name, Keras's origin and hash. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> classIndex(String name) {
        return (Map<String, Object>) ((Map<String, Object>) manifest().get("class_index")).get(name);
    }

    /** The whole manifest as parsed JSON. */
    static synchronized Map<String, Object> manifest() {
        if (manifest == null) {
            try {
                manifest = Json.read(readText("applications.json"));
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return manifest;
    }

    /**
     * A file of {@code models/}: from the class path, else from {@code ./models} (a JShell script run from the
     * repository without the build's resources on its class path).
     */
    static String readText(String name) throws IOException {
        try (InputStream in = Manifest.class.getResourceAsStream("/models/" + name)) {
            if (in != null) return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path local = Path.of("models", name);
        if (Files.isRegularFile(local)) return Files.readString(local);
        throw new IOException("models/" + name + " is neither on the class path nor in " + local.toAbsolutePath().getParent()
                + ": run from the repository root, or put the jkeras jar (or target/classes) on the class path.");
    }
}
