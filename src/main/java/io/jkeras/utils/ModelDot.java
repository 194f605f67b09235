package io.jkeras.utils;

import io.jkeras.KerasTensor;
import io.jkeras.graph.Node;
import io.jkeras.graph.Topology;
import io.jkeras.layers.InputLayer;
import io.jkeras.layers.Layer;
import io.jkeras.models.Network;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras's {@code model_to_dot}: the layer graph of a model as Graphviz DOT text. One node per layer (InputLayers
 * included, as Keras 2 drew them) labelled with Keras 3's HTML table ("<b>name</b> (ClassName)", then the
 * activation, the input and output shapes, the dtype and trainability as asked), one edge per inbound connection,
 * so branches and merges show; with {@code expandNested}, a nested model is a dashed cluster of its own layers and
 * the edges run into its input layers and out of the layers that make its outputs, as Keras resolves them.
 */
final class ModelDot {
    private final PlotModelOptions o;
    private final Map<Layer, String> ids = new IdentityHashMap<>();
    private final Set<String> edges = new LinkedHashSet<>();

    private ModelDot(PlotModelOptions o) {
        this.o = o;
    }

    static String toDot(Network model, PlotModelOptions o) {
        ModelDot d = new ModelDot(o);
        StringBuilder sb = new StringBuilder("digraph G {\n");
        sb.append("  graph [rankdir=").append(o.rankdir).append(", concentrate=true, dpi=").append(o.dpi)
                .append(", splines=").append(o.splines).append(", fontname=Helvetica];\n");
        sb.append("  node [shape=plaintext, fontname=Helvetica, margin=0];\n");
        sb.append("  edge [penwidth=2];\n");
        d.addModel(model, sb, "  ");
        for (String e : d.edges) sb.append("  ").append(e).append(";\n");
        return sb.append("}\n").toString();
    }

    /** Declares the model's layers (clusters for nested models when expanding) and collects its edges. */
    private void addModel(Network model, StringBuilder sb, String indent) {
        Topology topo = model.topology();
        for (Layer layer : topo.layers()) {
            if (o.expandNested && layer instanceof Network inner && inner.hasGraph()) {
                String cluster = "cluster_" + ids.size() + "_" + inner.name().replaceAll("\\W", "_");
                sb.append(indent).append("subgraph ").append(cluster).append(" {\n");
                sb.append(indent).append("  label=\"").append(inner.name().replace("\"", "\\\"")).append("\"; labeljust=l; style=dashed;\n");
                addModel(inner, sb, indent + "  ");
                sb.append(indent).append("}\n");
            } else {
                sb.append(indent).append(id(layer)).append(" [label=<").append(label(layer, topo)).append(">];\n");
            }
        }
        for (Layer layer : topo.layers()) {
            for (Node node : layer.inboundNodes()) {
                if (!topo.contains(node)) continue;  // a call of a shared layer in another model
                for (int i = 0; i < node.inputs().size(); i++) {
                    KerasTensor t = node.inputs().get(i);
                    Layer source = t.layer(), dest = layer;
                    int outputIndex = t.index();
                    while (o.expandNested && source instanceof Network m && m.hasGraph()) {
                        KerasTensor out = m.outputs().get(outputIndex);  // the layer inside that makes this output
                        source = out.layer();
                        outputIndex = out.index();
                    }
                    int inputIndex = i;
                    while (o.expandNested && dest instanceof Network m && m.hasGraph()) {
                        dest = m.inputs().get(Math.min(inputIndex, m.inputs().size() - 1)).layer();
                        inputIndex = 0;
                    }
                    edges.add(id(source) + " -> " + id(dest));
                }
            }
        }
    }

    private String id(Layer layer) {
        return ids.computeIfAbsent(layer, l -> "n" + ids.size());
    }

    /** Keras 3's {@code make_layer_label}: an HTML table, black title row, white detail cells. */
    private String label(Layer layer, Topology topo) {
        String cls = layer.className();
        List<String> cols = new ArrayList<>();
        if (o.showShapes) {
            Node node = onlyNode(layer, topo);
            if (!(layer instanceof InputLayer)) cols.add(cell("Input shape: <b>" + shapes(node == null ? null : node.inputs()) + "</b>"));
            cols.add(cell("Output shape: <b>" + shapes(node == null ? null : node.outputs()) + "</b>"));
        }
        if (o.showDtype) {
            Node node = onlyNode(layer, topo);
            cols.add(cell("Output dtype: <b>" + (node == null ? "?" : esc(node.outputs().get(0).dtype())) + "</b>"));
        }
        if (o.showTrainable && !layer.weights().isEmpty()) {
            cols.add(layer.trainable()
                    ? "<td bgcolor=\"forestgreen\"><font point-size=\"14\" color=\"white\"><b>Trainable</b></font></td>"
                    : "<td bgcolor=\"firebrick\"><font point-size=\"14\" color=\"white\"><b>Non-trainable</b></font></td>");
        }
        int span = Math.max(1, cols.size());
        StringBuilder t = new StringBuilder("<table border=\"0\" cellborder=\"1\" bgcolor=\"black\" cellpadding=\"10\">");
        t.append("<tr><td colspan=\"").append(span).append("\" bgcolor=\"black\"><font point-size=\"16\" color=\"white\">")
                .append(o.showLayerNames ? "<b>" + esc(layer.name()) + "</b> (" + esc(cls) + ")" : "<b>" + esc(cls) + "</b>")
                .append("</font></td></tr>");
        Object activation = o.showLayerActivations ? layer.getConfig().get("activation") : null;
        if (activation instanceof String a) {
            t.append("<tr><td bgcolor=\"white\" colspan=\"").append(span).append("\"><font point-size=\"14\">Activation: <b>")
                    .append(esc(a)).append("</b></font></td></tr>");
        }
        if (!cols.isEmpty()) t.append("<tr>").append(String.join("", cols)).append("</tr>");
        return t.append("</table>").toString();
    }

    private static String cell(String html) {
        return "<td bgcolor=\"white\"><font point-size=\"14\">" + html + "</font></td>";
    }

    /** The layer's one call in this model; {@code null} for a layer called more than once here (shapes "multiple"). */
    private static Node onlyNode(Layer layer, Topology topo) {
        List<Node> here = layer.inboundNodes().stream().filter(topo::contains).toList();
        return here.size() == 1 ? here.get(0) : null;
    }

    /** One shape as Keras prints it, {@code (None, 28, 28, 1)}; several as a list, {@code [(None, 3), (None, 4)]}. */
    private static String shapes(List<KerasTensor> ts) {
        if (ts == null) return "multiple";
        List<String> s = ts.stream().map(t -> t.shape().toString()).toList();
        return esc(s.size() == 1 ? s.get(0) : "[" + String.join(", ", s) + "]");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
