package io.jkeras.utils;

import io.jkeras.models.Network;
import io.jkeras.saving.AtomicWrite;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Keras's {@code plot_model} and {@code model_to_dot}: a picture of the model's layer graph, drawn as Keras draws
 * it, by building a Graphviz DOT graph ({@link ModelDot}) and rendering it with Graphviz's {@code dot} program.
 *
 * <p>The file's extension picks the format: {@code .png} (the default, also for a name without extension),
 * {@code .svg}, {@code .pdf}, {@code .jpg} ... anything {@code dot -T} knows; {@code .dot} / {@code .gv} write the
 * DOT text itself and need no Graphviz. A PNG is shown in the terminal where it can ({@link Terminal}).
 *
 * <p>The {@code dot} program is looked up as the system property {@code jkeras.graphviz.dot}, else the environment
 * variable {@code GRAPHVIZ_DOT} (a path or a name), else {@code dot} on the {@code PATH}. Without it, rendering
 * fails with Keras's message adapted: install Graphviz ({@code apt-get install graphviz}, {@code brew install graphviz}).
 *
 * <pre>{@code
 * jshell> ModelPlot.plotModel(model, "model.png", true)
 * $4 ==> /home/me/model.png
 * jshell> ModelPlot.plotModel(model, "model.svg", new PlotModelOptions().showShapes(true).expandNested(true))
 * }</pre>
 */
public final class ModelPlot {
    private ModelPlot() {
    }

    /** {@code plot_model(model, to_file, show_shapes=...)} with Keras's other defaults; returns the file's path. */
    public static Path plotModel(Network model, String path, boolean showShapes) throws IOException {
        return plotModel(model, path, new PlotModelOptions().showShapes(showShapes));
    }

    /** {@code plot_model} with every option; returns the written file's absolute path. */
    public static Path plotModel(Network model, String path, PlotModelOptions options) throws IOException {
        String dot = modelToDot(model, options);
        String ext = PlotFiles.extension(path);
        Path target = Path.of(path).toAbsolutePath();
        if (ext.equals("dot") || ext.equals("gv")) {
            AtomicWrite.write(target, tmp -> Files.writeString(tmp, dot, StandardCharsets.UTF_8));
            return target;
        }
        String format = ext.isEmpty() ? "png" : ext.equals("jpg") ? "jpeg" : ext;
        String exe = dotExecutable();
        AtomicWrite.write(target, tmp -> render(exe, dot, format, tmp));
        if (format.equals("png")) Terminal.show(target);
        return target;
    }

    /** {@code model_to_dot(model, show_shapes=...)}: the DOT text, with Keras's other defaults. */
    public static String modelToDot(Network model, boolean showShapes) {
        return modelToDot(model, new PlotModelOptions().showShapes(showShapes));
    }

    /** {@code model_to_dot}: the DOT text of the model's layer graph; Keras's message if the model is not built. */
    public static String modelToDot(Network model, PlotModelOptions options) {
        if (!model.hasGraph()) {
            throw new IllegalStateException("This model has not yet been built. Build the model first by calling `build()` "
                    + "or by calling the model on a batch of data.");
        }
        return ModelDot.toDot(model, options == null ? new PlotModelOptions() : options);
    }

    /** The {@code dot} program to run; Keras's "You must install ..." message when there is none. */
    static String dotExecutable() throws IOException {
        String named = System.getProperty("jkeras.graphviz.dot", System.getenv("GRAPHVIZ_DOT"));
        String name = named == null || named.isBlank() ? "dot" : named;
        if (name.contains(File.separator)) {
            if (Files.isExecutable(Path.of(name))) return name;
        } else {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) return Path.of(dir, name).toString();
            }
        }
        throw new IOException("You must install graphviz (its `dot` program: e.g. `apt-get install graphviz` or "
                + "`brew install graphviz`, see https://graphviz.gitlab.io/download/) for `plot_model` to work. Looked for \""
                + name + "\"" + (name.contains(File.separator) ? "" : " on the PATH") + "; if Graphviz is elsewhere, set "
                + "-Djkeras.graphviz.dot=/path/to/dot or GRAPHVIZ_DOT. A .dot file can be written without it.");
    }

    /** Runs {@code dot -T<format> -o <out> <in.dot>}; its messages go to a log that an error quotes. */
    private static void render(String exe, String dot, String format, Path out) throws IOException {
        Path in = Files.createTempFile("jkeras-model-", ".dot");
        Path log = Files.createTempFile("jkeras-dot-", ".log");
        try {
            Files.writeString(in, dot, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(exe, "-T" + format, "-o", out.toString(), in.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done;
            try {
                done = p.waitFor(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while Graphviz rendered " + out, e);
            }
            if (!done) {
                p.destroyForcibly();
                throw new IOException("Graphviz (" + exe + ") did not finish within 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("Graphviz (" + exe + " -T" + format + ") failed with exit code " + p.exitValue() + ": "
                        + Files.readString(log).strip());
            }
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(log);
        }
    }
}
