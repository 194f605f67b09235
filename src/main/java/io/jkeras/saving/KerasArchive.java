package io.jkeras.saving;

import io.jkeras.Keras;
import io.jkeras.models.Model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The {@code .keras} format of Keras 3: a zip archive of {@code metadata.json} ({@code keras_version},
 * {@code date_saved}), {@code config.json} (the model's serialized config) and {@code model.weights.h5}
 * ({@link Keras3Weights}'s layout); a compiled model's config carries {@code compile_config}, and the
 * weights its optimizer's variables. Entries are stored uncompressed, as Python's {@code zipfile} writes
 * them by default. The weights pass through a temporary HDF5 file, since HDF5 works on files.
 */
final class KerasArchive {
    static final String CONFIG = "config.json";
    static final String METADATA = "metadata.json";
    static final String WEIGHTS = "model.weights.h5";

    private KerasArchive() {
    }

    /** Writes the archive into {@code path} (the caller makes the write atomic). */
    static void save(Model model, Path path) throws IOException {
        Path weights = AtomicWrite.scratch(".weights.h5");
        try {
            try (Hdf5File f = Hdf5File.create(weights)) {
                Keras3Weights.save(model, f.root());
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("keras_version", Keras.KERAS_VERSION);
            metadata.put("date_saved", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(path))) {
                putStored(zip, METADATA, Json.write(metadata).getBytes(StandardCharsets.UTF_8));
                putStored(zip, CONFIG, config(model).getBytes(StandardCharsets.UTF_8));
                putStored(zip, WEIGHTS, weights);
            }
        } finally {
            Files.deleteIfExists(weights);
        }
    }

    /** The model's serialized config, with Keras 3's {@code compile_config} when it was compiled. */
    private static String config(Model model) {
        Map<String, Object> serialized = LayerSerializer.serialize(model);
        if (model.isCompiled()) serialized.put("compile_config", CompileConfigs.compileConfig(model));
        return Json.write(serialized);
    }

    private static void putStored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(data);
        zip.putNextEntry(storedEntry(name, data.length, crc.getValue()));
        zip.write(data);
        zip.closeEntry();
    }

    private static void putStored(ZipOutputStream zip, String name, Path file) throws IOException {
        // A stored entry needs its size and CRC before its data: one pass to checksum, one to copy.
        CRC32 crc = new CRC32();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) crc.update(buf, 0, n);
        }
        zip.putNextEntry(storedEntry(name, Files.size(file), crc.getValue()));
        Files.copy(file, zip);
        zip.closeEntry();
    }

    private static ZipEntry storedEntry(String name, long size, long crc) {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        return e;
    }

    /** Rebuilds the model of a {@code .keras} archive from its config, then loads its weights. */
    static Model load(Path path) throws IOException {
        try {
            return loadArchive(path);
        } catch (IOException e) {
            throw named(path, e);
        }
    }

    /**
     * The IOException naming the archive: java.util.zip reports some damage (a local header past the end) as a bare
     * EOFException.
     */
    private static IOException named(Path path, IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException || (e.getMessage() != null && e.getMessage().contains(path.toString()))) {
            return e;
        }
        return new IOException(path + ": the archive is damaged (" + e + ")", e);
    }

    private static Model loadArchive(Path path) throws IOException {
        try (ZipFile zip = openZip(path)) {
            ZipEntry config = zip.getEntry(CONFIG);
            if (config == null) {
                throw new IOException(path + ": not a Keras archive: no " + CONFIG + " inside (a .keras file holds "
                        + CONFIG + ", " + METADATA + " and " + WEIGHTS + ")");
            }
            String json = new String(readEntry(zip, config, path), StandardCharsets.UTF_8);
            ZipEntry weights = zip.getEntry(WEIGHTS);
            long weightBytes = Math.max(Files.size(path), weights == null ? 0 : weights.getSize());
            Model model = ModelConfigs.parse(json, path + " (" + CONFIG + ")", weightBytes);
            // Compiled first, so the optimizer exists to receive its saved variables.
            if (Json.parse(json) instanceof Map<?, ?> m && m.get("compile_config") instanceof Map<?, ?> cc) {
                @SuppressWarnings("unchecked") Map<String, Object> compileConfig = (Map<String, Object>) cc;
                CompileConfigs.compile(model, compileConfig, path.toString());
            }
            try {
                loadWeights(zip, path, model, false);
            } catch (IllegalArgumentException e) {
                throw WeightPlan.notItsOwn(e);
            }
            return model;
        }
    }

    /** Loads the weights of the archive at {@code path} into an existing model of the same architecture. */
    static void loadWeights(Path path, Model model, boolean skipMismatch) throws IOException {
        try (ZipFile zip = openZip(path)) {
            loadWeights(zip, path, model, skipMismatch);
        } catch (IOException e) {
            throw named(path, e);
        }
    }

    private static void loadWeights(ZipFile zip, Path path, Model model, boolean skipMismatch) throws IOException {
        ZipEntry entry = zip.getEntry(WEIGHTS);
        if (entry == null) {
            String why = zip.getEntry("model.weights.npz") != null ? "its weights are in the npz format, which jkeras does not read"
                    : "no " + WEIGHTS + " inside";
            throw new IOException(path + ": cannot load the weights: " + why);
        }
        Path tmp = AtomicWrite.scratch(".weights.h5");
        try {
            try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
            } catch (ZipException e) {
                throw new IOException(path + ": the archive is damaged (" + e.getMessage() + ")", e);
            }
            String where = path + "!/" + WEIGHTS;
            try (Hdf5File f = Hdf5File.open(tmp)) {
                Keras3Weights.load(model, f.root(), where, skipMismatch);
            } catch (IOException e) {
                // Name the archive, not the temporary copy.
                throw new IOException(e.getMessage().replace(tmp.toString(), where), e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static ZipFile openZip(Path path) throws IOException {
        if (!Files.isRegularFile(path)) throw new java.nio.file.NoSuchFileException(path.toString(), null, "no such file");
        try {
            return new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw new IOException(path + ": not a .keras file: it is not a zip archive, or a damaged one (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] readEntry(ZipFile zip, ZipEntry e, Path path) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        } catch (ZipException ex) {
            throw new IOException(path + ": the archive is damaged (" + ex.getMessage() + ")", ex);
        }
    }
}
