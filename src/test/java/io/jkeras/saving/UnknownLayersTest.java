package io.jkeras.saving;

import io.jkeras.layers.Dense;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A model file whose config names a layer class jkeras does not have fails with an IOException that names the
 * file, the class, the layer and how to register a custom layer, never with a stack trace from the parser's
 * depths. The files are real fixtures whose config JSON is edited here: tf.keras 2's {@code mlp_0.h5} (written
 * again with its weights, the config replaced) and Keras 3's {@code graduate_admission_model.keras} (its
 * {@code config.json} replaced in a copy of the archive).
 */
class UnknownLayersTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftOpen() throws IOException {
        assertThat(Hdf5File.openObjectsInProcess()).isZero();
    }

    /** tf.keras's Lambda entry: the function is marshalled Python bytecode. */
    private static final String LAMBDA = "{\"name\": \"activation\", \"class_name\": \"Lambda\", \"config\": {\"name\": \"activation\", "
            + "\"trainable\": true, \"dtype\": \"float32\", \"function\": [\"4wEAAAAAAAAAAQAAAAIAAABTAAAAcwgAAAB8AGQBFABTACkC\", null, null], "
            + "\"function_type\": \"lambda\", \"module\": \"__main__\", \"output_shape\": null, \"output_shape_type\": \"raw\", "
            + "\"output_shape_module\": null, \"arguments\": {}}, \"inbound_nodes\": [[[\"dense\", 0, 0, {}]]]}";
    /** tf.keras's wrapper of a raw TensorFlow op. */
    private static final String TF_OP = "{\"name\": \"activation\", \"class_name\": \"TensorFlowOpLayer\", \"config\": {\"name\": "
            + "\"activation\", \"trainable\": true, \"dtype\": \"float32\", \"node_def\": {\"name\": \"Sigmoid\", \"op\": \"Sigmoid\", "
            + "\"input\": [\"dense/BiasAdd\"], \"attr\": {\"T\": {\"type\": \"DT_FLOAT\"}}}, \"constants\": {}}, "
            + "\"inbound_nodes\": [[[\"dense\", 0, 0, {}]]]}";

    @Test
    void lambdaAndTensorFlowOpLayersInAnH5NameTheFileTheClassTheLayerAndTheWayOut() throws IOException {
        Path original = KerasFiles.copy("mlp_0.h5", dir);
        String config;
        try (Hdf5File f = Hdf5File.open(original)) {
            config = f.root().readString("model_config");
        }
        String activation = config.substring(config.indexOf("{\"name\": \"activation\""), config.indexOf(", {\"name\": \"dropout\""));
        assertThat(activation).contains("\"class_name\": \"Activation\"");
        for (String[] c : new String[][]{{"Lambda", LAMBDA}, {"TensorFlowOpLayer", TF_OP}}) {
            Path edited = rewrite(original, dir.resolve("mlp_0_" + c[0] + ".h5"), config.replace(activation, c[1]));
            assertThatThrownBy(() -> Models.loadModel(edited.toString())).isInstanceOf(IOException.class)
                    .hasMessageStartingWith(edited + " (attribute model_config): ")
                    .hasMessageContaining("Unknown layer: '" + c[0] + "' (layer \"activation\")")
                    .hasMessageContaining("Python or TensorFlow code")
                    .hasMessageContaining("SavingRegistry.register(\"" + c[0] + "\", MyLayer::fromConfig)")
                    .cause().isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anUnregisteredCustomLayerInAKerasArchiveLoadsOnceRegistered() throws IOException {
        Path original = KerasFiles.copy("graduate_admission_model.keras", dir);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(original.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
        }
        String config = new String(entries.get("config.json"), StandardCharsets.UTF_8);
        int at = config.indexOf("\"class_name\": \"Dense\", \"config\": {\"name\": \"dense_1\"");
        assertThat(at).isPositive();
        String edited = config.substring(0, at) + config.substring(at).replaceFirst("\"Dense\"", "\"JkScaledDense\"");
        entries.put("config.json", edited.getBytes(StandardCharsets.UTF_8));
        Path custom = dir.resolve("custom.keras");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        Files.write(custom, bytes.toByteArray());

        assertThatThrownBy(() -> Models.loadModel(custom.toString())).isInstanceOf(IOException.class)
                .hasMessageStartingWith(custom + " (config.json): ")
                .hasMessageContaining("Unknown layer: 'JkScaledDense' (layer \"dense_1\")")
                .hasMessageContaining("register your custom layer with SavingRegistry.register(\"JkScaledDense\", MyLayer::fromConfig)");

        // Following the advice: a factory under that class name, and the file loads with its weights.
        SavingRegistry.register("JkScaledDense", Dense::fromConfig);
        Model m = Models.loadModel(custom.toString());
        Model reference = Models.loadModel(original.toString());
        for (String layer : List.of("dense", "dense_1", "dense_2")) {
            List<INDArray> w = m.getLayer(layer).getWeights();
            assertThat(w).isEqualTo(reference.getLayer(layer).getWeights());
        }
    }

    /** The original file again, {@code model_config} replaced: same root attributes, same model_weights group. */
    private static Path rewrite(Path from, Path to, String modelConfig) throws IOException {
        try (Hdf5File src = Hdf5File.open(from); Hdf5File dst = Hdf5File.create(to);
             Hdf5Group sw = src.root().group("model_weights"); Hdf5Group dw = dst.root().createGroup("model_weights")) {
            for (String attr : List.of("keras_version", "backend")) dst.root().writeString(attr, src.root().readString(attr));
            dst.root().writeString("model_config", modelConfig);
            List<String> layers = LegacyNames.read(sw, "layer_names");
            LegacyNames.write(dw, "layer_names", layers);
            for (String attr : List.of("keras_version", "backend")) dw.writeString(attr, sw.readString(attr));
            for (String layer : layers) {
                try (Hdf5Group sl = sw.group(layer); Hdf5Group dl = dw.createGroup(layer)) {
                    List<String> names = LegacyNames.read(sl, "weight_names");
                    LegacyNames.write(dl, "weight_names", names);
                    for (String n : names) dl.write(n, sl.read(n));
                }
            }
        }
        return to;
    }
}
