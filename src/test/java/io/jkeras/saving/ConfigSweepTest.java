package io.jkeras.saving;

import io.jkeras.models.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The systematic half of {@link FileFuzzTest}: in the model config of every fixture, every key is removed in
 * turn and every value replaced in turn by values of the wrong JSON type. Rebuilding the model must then
 * succeed or fail with an IllegalArgumentException (which loadModel turns into an IOException naming the file)
 * whose chain holds no sign of a bug (a NullPointerException, ClassCastException, index out of bounds, ...).
 */
class ConfigSweepTest {
    @TempDir
    Path dir;

    private static final Object[] WRONG = {"x", -1, null, new ArrayList<>(), new LinkedHashMap<>()};

    @Test
    void everyKeyRemovedOrMistypedGivesACleanError() throws IOException {
        List<String> configs = new ArrayList<>();
        for (String h5 : List.of("simple_sparse_xent_mlp_keras_2_model.h5", "mlp_0.h5", "graduate_admission_model.h5",
                "cnn_batch_norm.h5", "conv2d_theano_1.h5", "batch_to_conv2d_tensorflow_1.h5", "conv1d_k3_s1_d1_cl_valid_model.h5")) {
            try (Hdf5File f = Hdf5File.open(KerasFiles.copy(h5, dir))) {
                configs.add(f.root().readString("model_config"));
            }
        }
        try (ZipFile zip = new ZipFile(KerasFiles.copy("graduate_admission_model.keras", dir).toFile())) {
            configs.add(new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(), StandardCharsets.UTF_8));
        }
        List<String> failures = new ArrayList<>();
        int variants = 0;
        for (String json : configs) {
            int slots = slots(Json.parse(json)).size();
            for (int i = 0; i < slots; i++) {
                for (int v = -1; v < WRONG.length; v++) {
                    Object tree = Json.parse(json);
                    Object[] slot = slots(tree).get(i);
                    String what;
                    if (v < 0) {
                        if (!(slot[0] instanceof Map<?, ?> m)) continue;
                        m.remove(slot[1]);
                        what = "removed " + slot[1];
                    } else {
                        put(slot, WRONG[v] instanceof ArrayList ? new ArrayList<>() : WRONG[v] instanceof Map ? new LinkedHashMap<>() : WRONG[v]);
                        what = slot[1] + " := " + Json.write(WRONG[v]);
                    }
                    variants++;
                    try {
                        Models.modelFromJson(Json.write(tree));
                    } catch (IllegalArgumentException e) {
                        if (FileFuzzTest.classify(new IOException("x", e), "x", false) == null) {
                            failures.add(what + ": " + e + " <- " + rootCause(e) + " at " + rootCause(e).getStackTrace()[0]);
                        }
                    } catch (RuntimeException e) {
                        failures.add(what + ": " + e + " at " + e.getStackTrace()[0]);
                    }
                }
            }
        }
        System.out.printf("Config sweep: %d variants of %d configs%n", variants, configs.size());
        assertThat(failures).as("variants that did not fail cleanly").isEmpty();
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
    }

    @SuppressWarnings("unchecked")
    private static void put(Object[] slot, Object value) {
        if (slot[0] instanceof Map<?, ?> m) ((Map<Object, Object>) m).put(slot[1], value);
        else ((List<Object>) slot[0]).set((Integer) slot[1], value);
    }

    /** Every (container, key or index) of a JSON tree, in a fixed order. */
    private static List<Object[]> slots(Object node) {
        List<Object[]> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(Object node, List<Object[]> out) {
        if (node instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                out.add(new Object[]{m, k});
                collect(m.get(k), out);
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                out.add(new Object[]{l, i});
                collect(l.get(i), out);
            }
        }
    }
}
