package io.jkeras.datasets;

import io.jkeras.saving.Json;
import io.jkeras.utils.FileUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a dataset's files come from, in the order the loaders of this package look (issue 8):
 * <ol>
 *   <li>Keras's cache, {@code $KERAS_HOME/<cache_subdir>} (default {@code ~/.keras/datasets}; the system property
 *       {@code keras.home} overrides it), where a machine that has run {@code keras.datasets.*.load_data()} once
 *       already has them. A cached file is used when its hash is Keras's or another known-good copy's.</li>
 *   <li>Folders where an operating-system package installs them (Debian's {@code dataset-fashion-mnist}).</li>
 *   <li>A download from Keras's origin URL into Keras's cache, with Keras's progress bar and hash check
 *       ({@link FileUtils#getFile}). Offline, the {@link IOException} names the file, the folder to put it in and
 *       the URL to fetch it from.</li>
 * </ol>
 * Names, URLs and hashes come from {@code datasets/datasets.json} (in the jar, or {@code ./datasets/}).
 */
final class DatasetFiles {
    private static Map<String, Object> manifest;

    private DatasetFiles() {
    }

    /** One file of the manifest: Keras's name, origin and hash, other accepted hashes, Keras's cache folder. */
    record Spec(String dataset, String file, String origin, String fileHash, List<String> alsoAccepted,
                String cacheSubdir, List<Path> systemDirs, String systemPackage) {
        /** Whether {@code p}'s hash is one this file may have ({@code true} where no hash is known). */
        boolean accepts(Path p) throws IOException {
            if (fileHash == null) return true;
            if (FileUtils.validateFile(p, fileHash)) return true;
            for (String h : alsoAccepted) {
                if (FileUtils.validateFile(p, h)) return true;
            }
            return false;
        }

        /** The entry's raw JSON map (archive fields). */
        Map<String, Object> raw() {
            return entry(dataset, file);
        }
    }

    /** The manifest's spec of {@code file} of {@code dataset}. */
    @SuppressWarnings("unchecked")
    static Spec spec(String dataset, String file) {
        Map<String, Object> d = dataset(dataset);
        Map<String, Object> f = entry(dataset, file);
        List<Path> dirs = new ArrayList<>();
        for (Object o : (List<Object>) d.getOrDefault("system_dirs", List.of())) dirs.add(Path.of((String) o));
        return new Spec(dataset, file, (String) f.get("origin"), (String) f.get("file_hash"),
                (List<String>) f.getOrDefault("also_accepted", List.of()), (String) f.get("cache_subdir"), dirs,
                (String) d.get("system_package"));
    }

    /** {@link #fetch(Spec, Path)} for a file of the manifest, with Keras's cache folder. */
    static Path fetch(String dataset, String file) throws IOException {
        return fetch(spec(dataset, file), FileUtils.kerasHome());
    }

    /**
     * The file, from the cache under {@code kerasHome}, else a system folder, else downloaded into the cache.
     *
     * @throws IOException when none has it and the download fails; the message says what to put where
     */
    static Path fetch(Spec s, Path kerasHome) throws IOException {
        Path cached = kerasHome.resolve(s.cacheSubdir()).resolve(s.file());
        if (Files.isRegularFile(cached) && s.accepts(cached)) return cached;
        for (Path dir : s.systemDirs()) {
            // A distribution's copy is trusted as installed: Debian re-compresses, so its hashes are not Keras's.
            Path p = dir.resolve(s.file());
            if (Files.isRegularFile(p)) return p;
        }
        try {
            return FileUtils.getFile(s.file(), s.origin(), s.fileHash(), s.cacheSubdir(), kerasHome);
        } catch (IOException e) {
            throw new IOException(s.dataset() + ": " + e.getMessage() + elsewhere(s), e);
        }
    }

    /** The end of an offline error: the other places that were looked in. */
    static String elsewhere(Spec s) {
        if (s.systemDirs().isEmpty()) return "";
        return " Also looked in " + s.systemDirs() + (s.systemPackage() == null ? "" : ", where the Debian package "
                + s.systemPackage() + " puts it (apt-get install " + s.systemPackage() + ")") + ".";
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dataset(String dataset) {
        Map<String, Object> d = (Map<String, Object>) manifest().get(dataset);
        if (d == null) throw new IllegalArgumentException("No dataset \"" + dataset + "\" in datasets/datasets.json");
        return d;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> entry(String dataset, String file) {
        Map<String, Object> f = (Map<String, Object>) ((Map<String, Object>) dataset(dataset).get("files")).get(file);
        if (f == null) throw new IllegalArgumentException("No file \"" + file + "\" for " + dataset + " in datasets/datasets.json");
        return f;
    }

    /** The whole manifest as parsed JSON. */
    static synchronized Map<String, Object> manifest() {
        if (manifest == null) {
            try {
                manifest = Json.read(readText("datasets.json"));
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return manifest;
    }

    /** A text file of {@code datasets/}: from the class path, else from {@code ./datasets} (a JShell script). */
    static String readText(String name) throws IOException {
        try (InputStream in = DatasetFiles.class.getResourceAsStream("/datasets/" + name)) {
            if (in != null) return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path local = Path.of("datasets", name);
        if (Files.isRegularFile(local)) return Files.readString(local);
        throw new IOException("datasets/" + name + " is neither on the class path nor in " + local.toAbsolutePath().getParent()
                + ": run from the repository root, or put the jkeras jar (or target/classes) on the class path.");
    }
}
