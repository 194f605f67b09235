package io.jkeras.saving;

import io.jkeras.Keras;
import io.jkeras.Variable;
import io.jkeras.layers.Layer;
import io.jkeras.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The weights layout of Keras 2's {@code .h5} files (and of Keras 3's legacy {@code .h5}): attributes
 * {@code layer_names}, {@code backend}, {@code keras_version} on the weights group; one sub-group per layer
 * in {@code model.layers}, with attribute {@code weight_names} ({@code "dense_1/kernel:0"}) and one dataset
 * at each of those paths. The order of a layer's weights is the order of {@code weight_names}, never
 * HDF5's listing order. A layer's weights are Keras's {@code trainable_weights + non_trainable_weights}, so
 * a nested model is one entry holding all its layers' weights.
 *
 * <p>Loading is by position among the layers that have weights (Keras's default, for the same
 * architecture), or by layer name ({@code byName}: layers missing from either side are left alone). Weights
 * saved by Keras 1 or by the Theano backend are first put in Keras 2's layouts ({@link LegacyWeightLayouts}), and
 * Keras 1's per-gate recurrent weights are fused ({@link LegacyRnnWeights}).
 */
final class LegacyWeights {
    private LegacyWeights() {
    }

    /** Writes {@code model}'s weights into {@code g} as Keras 2's {@code save_weights_to_hdf5_group} does. */
    static void save(Model model, Hdf5Group g) throws IOException {
        save(model, g, Keras.KERAS_VERSION);
    }

    /** The same, recording {@code kerasVersion} (Keras 2's dialect records its own). */
    static void save(Model model, Hdf5Group g, String kerasVersion) throws IOException {
        List<String> layerNames = model.layers().stream().map(Layer::name).toList();
        LegacyNames.write(g, "layer_names", layerNames);
        g.writeString("backend", "tensorflow");
        g.writeString("keras_version", kerasVersion);
        for (Layer layer : model.layers()) {
            try (Hdf5Group lg = g.createGroup(layer.name())) {
                List<Variable> ws = weightsOf(layer);
                List<String> names = weightNames(ws);
                LegacyNames.write(lg, "weight_names", names);
                for (int i = 0; i < ws.size(); i++) lg.write(names.get(i), ws.get(i).value());
            }
        }
    }

    /** Keras's {@code _legacy_weights}: trainable then non-trainable, each without repeats. */
    static List<Variable> weightsOf(Layer layer) {
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Variable> out = new ArrayList<>();
        for (Variable v : layer.trainableWeights()) if (seen.add(v)) out.add(v);
        for (Variable v : layer.nonTrainableWeights()) if (seen.add(v)) out.add(v);
        return out;
    }

    /** TensorFlow's variable names ({@code dense_1/kernel:0}); a repeat gets {@code _1}, as TF uniquifies. */
    private static List<String> weightNames(List<Variable> ws) {
        Set<String> used = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (Variable v : ws) {
            String base = v.path();
            String name = base;
            for (int k = 1; !used.add(name); k++) name = base + "_" + k;
            out.add(name + ":0");
        }
        return out;
    }

    /** The saved layers that have weights, in file order, each with its weights in {@code weight_names} order. */
    private static LinkedHashMap<String, List<INDArray>> readLayers(Hdf5Group g) throws IOException {
        LinkedHashMap<String, List<INDArray>> out = new LinkedHashMap<>();
        for (String name : LegacyNames.read(g, "layer_names")) {
            if (!g.isGroup(name)) {
                throw new IOException(g.fileName() + ": layer_names lists \"" + name + "\" but \"" + g.path()
                        + "\" has no such group (the file is incomplete)");
            }
            try (Hdf5Group lg = g.group(name)) {
                List<String> weightNames = LegacyNames.read(lg, "weight_names");
                if (weightNames.isEmpty()) continue;
                List<INDArray> values = new ArrayList<>();
                for (String wn : weightNames) {
                    if (!lg.isDataset(wn)) {
                        throw new IOException(g.fileName() + ": layer \"" + name + "\" lists weight \"" + wn
                                + "\" but has no such dataset (the file is incomplete)");
                    }
                    values.add(lg.read(wn));
                }
                out.put(name, values);
            }
        }
        return out;
    }

    /** Loads by position among layers with weights, as Keras's {@code load_weights_from_hdf5_group}. */
    static void loadByOrder(Model model, Hdf5Group g, String file) throws IOException {
        LinkedHashMap<String, List<INDArray>> saved = readLayers(g);
        String[] origin = origin(g);
        List<Layer> layers = model.layers().stream().filter(l -> !weightsOf(l).isEmpty()).toList();
        if (layers.size() != saved.size()) {
            throw new IllegalArgumentException(file + ": layer count mismatch when loading weights from file. Model expected "
                    + layers.size() + " layers, found " + saved.size() + " saved layers. " + firstMismatch(layers, saved)
                    + "Model layers with weights: " + layers.stream().map(Layer::name).toList() + "; saved layers with weights: "
                    + List.copyOf(saved.keySet()) + ". Use byName=true to load only the layers whose names match.");
        }
        WeightPlan plan = new WeightPlan(file);
        String version = origin[0] != null ? origin[0] : "1"; // files before Keras 2 record no version
        int k = 0;
        for (Map.Entry<String, List<INDArray>> e : saved.entrySet()) {
            Layer layer = layers.get(k);
            List<INDArray> values = LegacyWeightLayouts.toKeras2(layer, LegacyRnnWeights.convert(layer, e.getValue(), version), origin[0], origin[1]);
            String problem = match(layer, k, e.getKey(), weightsOf(layer), values, plan);
            if (problem != null) plan.fail(layer.name(), problem);
            k++;
        }
        plan.apply(false);
    }

    /**
     * Where a file of another architecture first parts from the model, pairing layers with weights in order:
     * "First mismatch: layer #0 (block1_conv1) expects [(3, 3, 3, 64), (64)], the file's layer #0 (conv1_conv) holds
     * [(7, 7, 3, 64), (64)]. "; empty if every paired layer fits.
     */
    private static String firstMismatch(List<Layer> layers, LinkedHashMap<String, List<INDArray>> saved) {
        int k = 0;
        for (Map.Entry<String, List<INDArray>> e : saved.entrySet()) {
            if (k >= layers.size()) break;
            List<long[]> want = weightsOf(layers.get(k)).stream().map(v -> v.value().shape()).toList();
            List<long[]> got = e.getValue().stream().map(INDArray::shape).toList();
            boolean same = want.size() == got.size();
            for (int i = 0; same && i < want.size(); i++) same = Arrays.equals(want.get(i), got.get(i));
            if (!same) {
                return "First mismatch: layer #" + k + " (" + layers.get(k).name() + ") expects weights of shapes " + shapes(want)
                        + ", the file's layer #" + k + " (" + e.getKey() + ") holds " + shapes(got) + ". ";
            }
            k++;
        }
        return "";
    }

    private static String shapes(List<long[]> shapes) {
        return shapes.stream().map(s -> io.jkeras.Shape.ofArray(s).toString()).toList().toString();
    }

    /** Loads into the layers whose names match, as Keras's {@code load_weights_from_hdf5_group_by_name}. */
    static void loadByName(Model model, Hdf5Group g, String file, boolean skipMismatch) throws IOException {
        LinkedHashMap<String, List<INDArray>> saved = readLayers(g);
        String[] origin = origin(g);
        Map<String, List<Layer>> index = new HashMap<>();
        for (Layer l : model.layers()) index.computeIfAbsent(l.name(), n -> new ArrayList<>()).add(l);
        WeightPlan plan = new WeightPlan(file);
        String version = origin[0] != null ? origin[0] : "1"; // files before Keras 2 record no version
        int k = 0;
        for (Map.Entry<String, List<INDArray>> e : saved.entrySet()) {
            for (Layer layer : index.getOrDefault(e.getKey(), List.of())) {
                List<INDArray> values = LegacyWeightLayouts.toKeras2(layer, LegacyRnnWeights.convert(layer, e.getValue(), version), origin[0], origin[1]);
                String problem = match(layer, k, e.getKey(), weightsOf(layer), values, plan);
                if (problem != null) plan.fail(layer.name(), problem);
            }
            k++;
        }
        plan.apply(skipMismatch);
    }

    /**
     * The {@code keras_version} and {@code backend} the weights group records ({@code null} where missing), as
     * Keras's {@code load_weights_from_hdf5_group} reads them to convert Keras 1 and Theano layouts.
     */
    private static String[] origin(Hdf5Group g) throws IOException {
        String version = g.hasAttribute("keras_version") ? g.readString("keras_version") : null;
        String backend = g.hasAttribute("backend") ? g.readString("backend") : null;
        return new String[]{version, backend};
    }

    /** Queues the values if count and shapes fit; otherwise returns Keras's message for the first misfit. */
    private static String match(Layer layer, int k, String savedName, List<Variable> ws, List<INDArray> values, WeightPlan plan) {
        if (ws.size() != values.size()) {
            return "Weight count mismatch for layer #" + k + " (named " + layer.name() + " in the current model, " + savedName
                    + " in the save file). Layer expects " + ws.size() + " weight(s). Received " + values.size() + " saved weight(s).";
        }
        for (int i = 0; i < ws.size(); i++) {
            if (!Arrays.equals(ws.get(i).value().shape(), values.get(i).shape())) {
                return WeightPlan.shapeMismatch(layer.name(), i, ws.get(i), values.get(i).shape());
            }
        }
        for (int i = 0; i < ws.size(); i++) plan.add(ws.get(i), values.get(i));
        return null;
    }
}
