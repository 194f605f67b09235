package io.jkeras.saving;

import io.jkeras.losses.Loss;
import io.jkeras.losses.Losses;
import io.jkeras.metrics.Metric;
import io.jkeras.metrics.Metrics;
import io.jkeras.models.Model;
import io.jkeras.optimizers.Optimizer;
import io.jkeras.optimizers.Optimizers;
import io.jkeras.training.CompileOptions;
import io.jkeras.training.Compiled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code compile} was given, as files keep it: Keras 3's {@code compile_config} (in a {@code .keras}
 * archive's config.json, optimizer serialized whole) and the legacy {@code training_config} root attribute of
 * {@code .h5} files (optimizer as {@code optimizer_config}). Reading either compiles the model again, as
 * Keras's {@code load_model(compile=True)} does; a configuration jkeras cannot compile (a custom loss not
 * registered) leaves the model uncompiled with a warning, since the model itself loaded fine.
 */
final class CompileConfigs {
    private static final Logger LOG = LoggerFactory.getLogger(CompileConfigs.class);

    private CompileConfigs() {
    }

    /** Keras 3's {@code compile_config}. */
    static Map<String, Object> compileConfig(Model model) {
        Compiled c = model.compiled();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("optimizer", Optimizers.serialize(c.optimizer()));
        putCommon(out, c);
        return out;
    }

    /** The legacy {@code training_config}: the same, with the optimizer as {@code optimizer_config} last. */
    static Map<String, Object> trainingConfig(Model model) {
        Compiled c = model.compiled();
        Map<String, Object> out = new LinkedHashMap<>();
        putCommon(out, c);
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("class_name", c.optimizer().className());
        opt.put("config", c.optimizer().getConfig());
        out.put("optimizer_config", opt);
        return out;
    }

    private static void putCommon(Map<String, Object> out, Compiled c) {
        List<Object> losses = new ArrayList<>();
        for (Loss l : c.losses()) losses.add(l == null ? null : Losses.serialize(l));
        out.put("loss", losses.size() == 1 ? losses.get(0) : losses);
        out.put("loss_weights", c.lossWeights().stream().allMatch(w -> w == 1.0) ? null : c.lossWeights());
        out.put("metrics", metrics(c.metrics()));
        out.put("weighted_metrics", null);
        out.put("run_eagerly", false);
        out.put("steps_per_execution", 1);
        out.put("jit_compile", false);
    }

    /** One flat list when every output has the same metrics (the usual {@code metrics=[...]}), else one per output. */
    private static Object metrics(List<List<Object>> perOutput) {
        List<List<Object>> serialized = new ArrayList<>();
        for (List<Object> specs : perOutput) {
            List<Object> s = new ArrayList<>();
            for (Object spec : specs) s.add(serializeMetric(spec));
            serialized.add(s);
        }
        if (serialized.stream().allMatch(List::isEmpty)) return null;
        return serialized.stream().distinct().count() == 1 ? serialized.get(0) : serialized;
    }

    private static Object serializeMetric(Object spec) {
        if (spec instanceof Metric m) return Metrics.serialize(m);
        if (spec instanceof Loss l) return Losses.serialize(l);
        return spec;
    }

    /**
     * Compiles {@code model} from a {@code compile_config} or {@code training_config}; false (with a warning
     * naming {@code where}) if that is not possible.
     */
    @SuppressWarnings("unchecked")
    static boolean compile(Model model, Map<String, Object> config, String where) {
        try {
            Object opt = config.containsKey("optimizer") ? config.get("optimizer") : config.get("optimizer_config");
            Optimizer optimizer = Optimizers.get(opt);
            if (optimizer == null) throw new IllegalArgumentException("no optimizer");
            Object loss = config.get("loss");
            // A serialized loss is a map too; resolve it first so compile does not read it as a map by output name.
            if (loss instanceof Map<?, ?> m && m.containsKey("class_name")) loss = Losses.get(m);
            if (loss instanceof List<?> l) loss = l.stream().map(e -> e instanceof Map<?, ?> m ? (Object) Losses.get(m) : e).toList();
            CompileOptions options = CompileOptions.optimizer(optimizer).loss(loss);
            if (config.get("loss_weights") != null) options.lossWeights(config.get("loss_weights"));
            Object metrics = config.get("metrics");
            if (metrics != null) options.metrics(metrics);
            model.compile(options);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("{}: the model was loaded but not compiled: its training configuration could not be used ({}). "
                    + "Compile it manually.", where, e.getMessage());
            return false;
        }
    }
}
