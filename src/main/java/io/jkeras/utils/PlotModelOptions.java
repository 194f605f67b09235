package io.jkeras.utils;

/**
 * The arguments of Keras's {@code plot_model} / {@code model_to_dot}, as fluent setters named after Keras's keywords
 * in camelCase. Defaults are Keras's, except {@code showLayerNames}, which is on (Keras 2's default; Keras 3 turned
 * it off, but a course's pictures show the names).
 *
 * <table>
 * <caption>Options</caption>
 * <tr><th>setter</th><th>Keras</th><th>default</th></tr>
 * <tr><td>showShapes</td><td>show_shapes</td><td>false: input and output shapes of each layer</td></tr>
 * <tr><td>showDtype</td><td>show_dtype</td><td>false: the output dtype</td></tr>
 * <tr><td>showLayerNames</td><td>show_layer_names</td><td>true: "name (ClassName)" rather than "ClassName"</td></tr>
 * <tr><td>rankdir</td><td>rankdir</td><td>"TB" top to bottom; "LR" left to right</td></tr>
 * <tr><td>expandNested</td><td>expand_nested</td><td>false: nested models as dashed clusters of their layers</td></tr>
 * <tr><td>dpi</td><td>dpi</td><td>200</td></tr>
 * <tr><td>showLayerActivations</td><td>show_layer_activations</td><td>false: the activation of layers that have one</td></tr>
 * <tr><td>showTrainable</td><td>show_trainable</td><td>false: Trainable / Non-trainable for layers with weights</td></tr>
 * <tr><td>splines</td><td>splines</td><td>"ortho" (right-angle edges); "spline", "polyline", "line", "curved"</td></tr>
 * </table>
 *
 * <pre>{@code
 * jshell> ModelPlot.plotModel(model, "model.png", new PlotModelOptions().showShapes(true).rankdir("LR"))
 * }</pre>
 */
public final class PlotModelOptions {
    boolean showShapes;
    boolean showDtype;
    boolean showLayerNames = true;
    String rankdir = "TB";
    boolean expandNested;
    int dpi = 200;
    boolean showLayerActivations;
    boolean showTrainable;
    String splines = "ortho";

    /** Keras's {@code show_shapes}. */
    public PlotModelOptions showShapes(boolean b) {
        showShapes = b;
        return this;
    }

    /** Keras's {@code show_dtype}. */
    public PlotModelOptions showDtype(boolean b) {
        showDtype = b;
        return this;
    }

    /** Keras's {@code show_layer_names}. */
    public PlotModelOptions showLayerNames(boolean b) {
        showLayerNames = b;
        return this;
    }

    /** Keras's {@code rankdir}: "TB" (vertical) or "LR" (horizontal); Graphviz's "BT" and "RL" are accepted too. */
    public PlotModelOptions rankdir(String r) {
        if (r == null || !r.matches("TB|LR|BT|RL")) {
            throw new IllegalArgumentException("rankdir must be \"TB\" (vertical) or \"LR\" (horizontal). Received: rankdir=" + r);
        }
        rankdir = r;
        return this;
    }

    /** Keras's {@code expand_nested}. */
    public PlotModelOptions expandNested(boolean b) {
        expandNested = b;
        return this;
    }

    /** Keras's {@code dpi}: image resolution in dots per inch, positive. */
    public PlotModelOptions dpi(int d) {
        if (d <= 0) throw new IllegalArgumentException("dpi must be positive. Received: dpi=" + d);
        dpi = d;
        return this;
    }

    /** Keras's {@code show_layer_activations}. */
    public PlotModelOptions showLayerActivations(boolean b) {
        showLayerActivations = b;
        return this;
    }

    /** Keras's {@code show_trainable}. */
    public PlotModelOptions showTrainable(boolean b) {
        showTrainable = b;
        return this;
    }

    /** Keras's {@code splines}: how Graphviz draws edges. */
    public PlotModelOptions splines(String s) {
        if (s == null || !s.matches("ortho|spline|splines|polyline|line|curved|true|false|none")) {
            throw new IllegalArgumentException("splines must be one of \"ortho\", \"curved\", \"polyline\", \"spline\", \"line\". Received: splines=" + s);
        }
        splines = s;
        return this;
    }
}
