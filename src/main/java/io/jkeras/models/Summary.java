package io.jkeras.models;

import io.jkeras.KerasTensor;
import io.jkeras.Variable;
import io.jkeras.graph.Node;
import io.jkeras.graph.Topology;
import io.jkeras.layers.InputLayer;
import io.jkeras.layers.Layer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code model.summary()} in tf.keras 2's classic table: 65 columns (Layer (type) / Output Shape /
 * Param #) for sequential-like models, 98 with a Connected to column for branching graphs, then the
 * totals with thousands separators ({@code Total params: 18,528}).
 */
final class Summary {
    private Summary() {
    }

    static void print(Model model, Consumer<String> out) {
        Topology topo = model.topology();
        boolean sequentialLike = model instanceof Sequential || isSequentialLike(topo);
        int lineLength = sequentialLike ? 65 : 98;
        double[] rel = sequentialLike ? new double[]{0.45, 0.85, 1.0} : new double[]{0.33, 0.55, 0.67, 1.0};
        int[] positions = new int[rel.length];
        for (int i = 0; i < rel.length; i++) positions[i] = (int) (lineLength * rel[i]);
        out.accept("Model: \"" + model.name() + "\"");
        out.accept("_".repeat(lineLength));
        printRow(sequentialLike ? List.of("Layer (type)", "Output Shape", "Param #")
                : List.of("Layer (type)", "Output Shape", "Param #", "Connected to"), positions, out);
        out.accept("=".repeat(lineLength));
        List<Layer> layers = model.layers();
        for (int li = 0; li < layers.size(); li++) {
            Layer layer = layers.get(li);
            List<String> fields = new ArrayList<>();
            fields.add(layer.name() + " (" + layer.className() + ")");
            fields.add(outputShape(layer, topo));
            fields.add(Long.toString(layer.countParams()));
            if (!sequentialLike) fields.add(connections(layer, topo));
            printRow(fields, positions, out);
            out.accept(" ".repeat(lineLength));
        }
        out.accept("=".repeat(lineLength));
        long trainable = count(model.trainableWeights());
        long nonTrainable = count(model.nonTrainableWeights());
        out.accept(String.format("Total params: %,d", trainable + nonTrainable));
        out.accept(String.format("Trainable params: %,d", trainable));
        out.accept(String.format("Non-trainable params: %,d", nonTrainable));
        out.accept("_".repeat(lineLength));
    }

    private static long count(List<Variable> vs) {
        return vs.stream().mapToLong(Variable::size).sum();
    }

    /** Keras's rule: one node per depth, each with one inbound tensor, each layer used once. */
    private static boolean isSequentialLike(Topology topo) {
        Set<Layer> seen = new java.util.HashSet<>();
        for (Node n : topo.nodes()) {
            if (n.inputs().size() > 1 || !seen.add(n.layer())) return false;
            for (KerasTensor t : n.inputs()) {
                if (t.node() != previous(topo, n)) return false;
            }
        }
        return topo.inputs().size() == 1 && topo.outputs().size() == 1;
    }

    private static Node previous(Topology topo, Node n) {
        List<Node> ns = topo.nodes();
        int i = ns.indexOf(n);
        return i > 0 ? ns.get(i - 1) : null;
    }

    private static String outputShape(Layer layer, Topology topo) {
        Set<String> shapes = new LinkedHashSet<>();
        for (Node n : layer.inboundNodes()) {
            if (!topo.contains(n)) continue;
            List<String> s = n.outputs().stream().map(t -> t.shape().toString()).toList();
            shapes.add(s.size() == 1 && !(layer instanceof InputLayer) ? s.get(0) : "[" + String.join(", ", s) + "]");
        }
        if (shapes.size() == 1) return shapes.iterator().next();
        return "multiple";
    }

    private static String connections(Layer layer, Topology topo) {
        List<String> c = new ArrayList<>();
        for (Node n : layer.inboundNodes()) {
            if (!topo.contains(n)) continue;
            for (KerasTensor t : n.inputs()) c.add("'" + t.layer().name() + "[" + t.node().index() + "][" + t.index() + "]'");
        }
        return "[" + String.join(", ", c) + "]";
    }

    /** tf.keras's {@code print_row}: fills columns up to their positions, wrapping long cells after "),". */
    static void printRow(List<String> fields, int[] positions, Consumer<String> out) {
        String[] left = fields.toArray(new String[0]);
        do {
            StringBuilder line = new StringBuilder();
            for (int col = 0; col < left.length; col++) {
                int start = col > 0 ? positions[col - 1] : 0;
                int end = positions[col];
                int space = col != positions.length - 1 ? 2 : 0;
                int cutoff = Math.max(0, end - start - space);
                String fit = left[col].substring(0, Math.min(cutoff, left[col].length()));
                int best = -1;
                for (String brk : new String[]{"),", "},", "],", "',"}) {
                    int at = fit.indexOf(brk);
                    if (at >= 0 && (best < 0 || at + brk.length() < best)) best = at + brk.length();
                }
                if (best >= 0) {
                    cutoff = best;
                    fit = fit.substring(0, best);
                }
                if (col == 0) line.append(' ');
                line.append(fit);
                line.append(" ".repeat(space));
                left[col] = left[col].substring(Math.min(cutoff, left[col].length()));
                if (line.length() < end) line.append(" ".repeat(end - line.length()));
            }
            out.accept(line.toString());
        } while (anyLeft(left));
    }

    private static boolean anyLeft(String[] left) {
        for (String s : left) if (!s.isEmpty()) return true;
        return false;
    }
}
