package io.jkeras.saving;

import io.jkeras.models.Model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Saving and loading models and weights in Keras's files, chosen by file name as Keras does:
 *
 * <ul>
 *   <li>{@code .keras}: the Keras 3 archive (config, metadata, weights) — {@link #save} / {@link #loadModel};
 *       {@link #loadWeights} takes its weights.</li>
 *   <li>{@code .weights.h5}: Keras 3's weights file ({@code layers/<key>/vars/<i>}, optimizer included).</li>
 *   <li>any other {@code .h5} / {@code .hdf5}: the legacy Keras 2 layout — a whole model ({@code model_config}
 *       + {@code model_weights}) from {@link #save}, weights only from {@link #saveWeights}. When reading,
 *       the layout is recognised from the content, so a Keras 3 weights file named {@code .h5} loads too.</li>
 *   <li>{@link #saveKeras2}: the same {@code .h5} layout with a Keras 2 config, for tools that read only Keras 1
 *       and 2 files (Deeplearning4j's {@code KerasModelImport} among them).</li>
 * </ul>
 *
 * A compiled model is saved with what {@code compile} was given and its optimizer's state, and comes back
 * compiled, as Keras's {@code load_model} does. Saving is atomic (see {@link AtomicWrite}). A missing,
 * empty, truncated, damaged or foreign file, or one whose config jkeras cannot build (an unknown layer class),
 * gives {@code loadModel} an IOException naming it and never anything else; weights that do not fit the model
 * given to {@code loadWeights} give an IllegalArgumentException naming the file, the first layer that does not
 * fit and the shapes, and leave the model unchanged.
 * {@code Model.save}, {@code Model.saveWeights}, {@code Model.loadWeights} and {@code Models.loadModel}
 * delegate here.
 *
 * <pre>{@code
 * jshell> model.save("mnist.keras");
 * jshell> Model again = Models.loadModel("mnist.keras");
 * jshell> model.saveWeights("ckpt.weights.h5");
 * jshell> model.loadWeights("keras2_model.h5", true, true);   // by name, skipping layers that do not fit
 * }</pre>
 */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** Saves the whole model: {@code .keras} (recommended) or {@code .h5}/{@code .hdf5} (legacy). */
    public static void save(Model model, Path path) throws IOException {
        String n = lower(path);
        if (n.endsWith(".keras")) AtomicWrite.write(path, tmp -> KerasArchive.save(model, tmp));
        else if (isH5(n)) AtomicWrite.write(path, tmp -> LegacyModelFile.save(model, tmp));
        else throw new IllegalArgumentException("Invalid filepath extension for saving: " + path + ". Please add either a "
                + "`.keras` extension for the native Keras format (recommended) or a `.h5` extension.");
    }

    /**
     * Saves the whole model as an {@code .h5} file in Keras 2's dialect ({@link Keras2Configs}), for tools that read
     * only Keras 1 and 2 files (Keras 2 and tf.keras 2 themselves, Deeplearning4j's {@code KerasModelImport}, the
     * TensorFlow.js converter); {@link #save} writes what Keras 3 writes, which those refuse. The optimizer's state
     * is not saved (its training configuration is).
     */
    public static void saveKeras2(Model model, Path path) throws IOException {
        if (!isH5(lower(path))) {
            throw new IllegalArgumentException("Keras 2's format is an .h5 file; received: " + path);
        }
        AtomicWrite.write(path, tmp -> LegacyModelFile.save(model, tmp, true));
    }

    /** Saves the weights: Keras 3's layout for {@code .weights.h5}, the legacy Keras 2 one for other {@code .h5}. */
    public static void saveWeights(Model model, Path path) throws IOException {
        String n = lower(path);
        if (!isH5(n)) {
            throw new IllegalArgumentException("The filename must end in `.weights.h5` (or `.h5` for the legacy layout). Received: "
                    + path);
        }
        boolean keras3 = n.endsWith(".weights.h5");
        AtomicWrite.write(path, tmp -> {
            try (Hdf5File f = Hdf5File.create(tmp)) {
                if (keras3) Keras3Weights.save(model, f.root());
                else LegacyWeights.save(model, f.root());
            }
        });
    }

    /**
     * Loads weights into {@code model}.
     *
     * @param byName legacy {@code .h5} only: match layers by name instead of by position
     * @param skipMismatch skip (with a warning) layers whose weights do not fit instead of failing
     */
    public static void loadWeights(Model model, Path path, boolean byName, boolean skipMismatch) throws IOException {
        try {
            loadWeightsUnchecked(model, path, byName, skipMismatch);
        } catch (IllegalArgumentException e) {
            throw e; // weights that do not fit this model, or arguments that do not go together: Keras's ValueError
        } catch (RuntimeException e) {
            throw new IOException(path + ": cannot load the weights (" + e + ")", e);
        }
    }

    private static void loadWeightsUnchecked(Model model, Path path, boolean byName, boolean skipMismatch) throws IOException {
        String n = lower(path);
        if (n.endsWith(".keras")) {
            if (byName) throw new IllegalArgumentException("byName=true is only supported for legacy .h5 weights, not for " + path);
            KerasArchive.loadWeights(path, model, skipMismatch);
            return;
        }
        String name = path.toString();
        try (Hdf5File f = Hdf5File.open(path)) {
            Hdf5Group root = f.root();
            if (root.hasAttribute("layer_names") || root.hasAttribute("layer_names0")) {
                legacy(model, root, name, byName, skipMismatch);
            } else if (root.isGroup("model_weights")) {
                try (Hdf5Group g = root.group("model_weights")) {
                    legacy(model, g, name, byName, skipMismatch);
                }
            } else if (root.isGroup("vars") || root.isGroup("layers") || root.isGroup("_layer_checkpoint_dependencies")) {
                if (byName) throw new IllegalArgumentException("byName=true is only supported for legacy .h5 weights; " + path
                        + " is in Keras 3's layout, which matches layers by structure.");
                Keras3Weights.load(model, root, name, skipMismatch);
            } else {
                throw new IOException(name + ": not a Keras weights file: it has no layer_names attribute (Keras 2 layout), "
                        + "no model_weights group (whole model) and no layers/vars groups (Keras 3 layout)");
            }
        }
    }

    private static void legacy(Model model, Hdf5Group g, String file, boolean byName, boolean skipMismatch) throws IOException {
        if (byName) LegacyWeights.loadByName(model, g, file, skipMismatch);
        else if (skipMismatch) throw new IllegalArgumentException("skipMismatch=true requires byName=true for legacy .h5 weights.");
        else LegacyWeights.loadByOrder(model, g, file);
    }

    /** Loads a whole model saved by Keras 3 ({@code .keras}, {@code .h5}), Keras 2 or tf.keras ({@code .h5}), or jkeras. */
    public static Model loadModel(Path path) throws IOException {
        try {
            return loadModelUnchecked(path);
        } catch (RuntimeException e) {
            // Last line of defence: the file is the only input, so anything that escaped the readers is its fault.
            throw new IOException(path + ": cannot load the model (" + e + ")", e);
        }
    }

    private static Model loadModelUnchecked(Path path) throws IOException {
        String n = lower(path);
        if (n.endsWith(".keras")) return KerasArchive.load(path);
        if (isH5(n)) return LegacyModelFile.load(path);
        // No telling extension: look at the first bytes.
        byte[] head = new byte[8];
        int read;
        try (InputStream in = Files.newInputStream(path)) {
            read = in.readNBytes(head, 0, 8);
        }
        if (read >= 2 && head[0] == 'P' && head[1] == 'K') return KerasArchive.load(path);
        if (read == 8 && head[0] == (byte) 0x89 && head[1] == 'H' && head[2] == 'D' && head[3] == 'F') return LegacyModelFile.load(path);
        throw new IOException(path + ": not a Keras model file: neither a .keras archive (zip) nor an HDF5 .h5 file");
    }

    private static boolean isH5(String lowerName) {
        return lowerName.endsWith(".h5") || lowerName.endsWith(".hdf5");
    }

    private static String lower(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
