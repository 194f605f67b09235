package io.jkeras.utils;

import io.jkeras.Input;
import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.layers.Concatenate;
import io.jkeras.layers.Conv2D;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Flatten;
import io.jkeras.models.Model;
import io.jkeras.models.Sequential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** plot_model: the DOT graph of a branching model (nodes, edges, labels, shapes, nesting) and its rendering. */
class ModelPlotTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreDot() {
        System.clearProperty("jkeras.graphviz.dot");
    }

    /** Two inputs (an MLP and a CNN branch), concatenated, a nested model on one path, two outputs. */
    static Model houseModel() {
        KerasTensor tab = Input.shape(Shape.of(8), "tabular");
        KerasTensor img = Input.shape(Shape.of(16, 16, 1), "image");
        KerasTensor ti = Input.shape(Shape.of(4), "t_in");
        Model inner = new Model(ti, new Dense(3).name("inner_dense").activation("relu").apply(ti));
        inner.name("inner");
        KerasTensor h = new Dense(4).name("mlp").activation("relu").apply(tab);
        KerasTensor f = new Flatten().name("flat").apply(new Conv2D(2, 3).name("conv").apply(img));
        KerasTensor cat = new Concatenate().name("concat").apply(h, new Dense(4).name("proj").apply(f));
        KerasTensor price = new Dense(1).name("price").apply(inner.apply(new Dense(4).name("pre").apply(cat)));
        KerasTensor kind = new Dense(2).name("kind").activation("softmax").apply(cat);
        return new Model(List.of(tab, img), List.of(price, kind));
    }

    /** The DOT text read back: node id to "name (Class)", and the edges as "name->name". */
    record Graph(Map<String, String> labels, Map<String, String> names, Set<String> edges) {
        static Graph parse(String dot) {
            Map<String, String> labels = new HashMap<>(), names = new HashMap<>();
            Matcher n = Pattern.compile("(n\\d+) \\[label=<(.*)>\\];").matcher(dot);
            Pattern title = Pattern.compile("<font point-size=\"16\" color=\"white\"><b>([^<]*)</b>(?: \\(([^)]*)\\))?</font>");
            while (n.find()) {
                Matcher t = title.matcher(n.group(2));
                assertThat(t.find()).isTrue();
                String name = t.group(1);
                names.put(n.group(1), name);
                labels.put(name, n.group(2));
            }
            Set<String> edges = new LinkedHashSet<>();
            Matcher e = Pattern.compile("(n\\d+) -> (n\\d+);").matcher(dot);
            while (e.find()) {
                assertThat(names).containsKeys(e.group(1), e.group(2));  // every edge joins declared nodes
                edges.add(names.get(e.group(1)) + "->" + names.get(e.group(2)));
            }
            return new Graph(labels, names, edges);
        }
    }

    @Test
    void branchesMergesAndShapesOfAFunctionalModel() {
        String dot = ModelPlot.modelToDot(houseModel(), true);
        Graph g = Graph.parse(dot);
        assertThat(g.labels().keySet()).containsExactlyInAnyOrder(
                "tabular", "image", "mlp", "conv", "flat", "proj", "concat", "pre", "inner", "price", "kind");
        assertThat(g.edges()).containsExactlyInAnyOrder("tabular->mlp", "image->conv", "conv->flat", "flat->proj",
                "mlp->concat", "proj->concat", "concat->pre", "pre->inner", "inner->price", "concat->kind");
        assertThat(g.labels().get("concat")).contains("<b>concat</b> (Concatenate)")
                .contains("Input shape: <b>[(None, 4), (None, 4)]</b>").contains("Output shape: <b>(None, 8)</b>");
        assertThat(g.labels().get("conv")).contains("Input shape: <b>(None, 16, 16, 1)</b>").contains("Output shape: <b>(None, 14, 14, 2)</b>");
        assertThat(g.labels().get("inner")).contains("(Functional)").contains("Output shape: <b>(None, 3)</b>");
        assertThat(g.labels().get("image")).doesNotContain("Input shape").contains("Output shape: <b>(None, 16, 16, 1)</b>");
        assertThat(dot).contains("rankdir=TB").contains("dpi=200").doesNotContain("cluster");
    }

    @Test
    void expandNestedDrawsTheInnerModelAsACluster() {
        String dot = ModelPlot.modelToDot(houseModel(), new PlotModelOptions().expandNested(true).rankdir("LR").dpi(96));
        Graph g = Graph.parse(dot);
        assertThat(g.labels()).doesNotContainKey("inner").containsKeys("t_in", "inner_dense");
        assertThat(g.edges()).contains("pre->t_in", "t_in->inner_dense", "inner_dense->price").doesNotContain("pre->inner");
        int open = dot.indexOf("subgraph cluster_");
        int close = dot.indexOf("}", open);
        assertThat(open).isPositive();
        assertThat(dot.substring(open, close)).contains("label=\"inner\"").contains("style=dashed")
                .containsPattern("n\\d+ \\[label=<.*<b>t_in</b>").containsPattern("<b>inner_dense</b>");
        assertThat(dot).contains("rankdir=LR").contains("dpi=96");
        assertThat(g.labels().get("mlp")).doesNotContain("shape:");  // showShapes off by default
    }

    @Test
    void labelOptionsFollowKeras() {
        String dot = ModelPlot.modelToDot(houseModel(), new PlotModelOptions().showLayerNames(false)
                .showLayerActivations(true).showDtype(true).showTrainable(true));
        assertThat(dot).contains("<b>Dense</b></font>").doesNotContain("<b>mlp</b>");
        assertThat(dot).contains("Activation: <b>softmax</b>").contains("Output dtype: <b>float32</b>").contains("<b>Trainable</b>");
        assertThat(dot).doesNotContain("<b>Non-trainable</b>");
    }

    @Test
    void sharedLayerHasEveryEdgeAndMultipleShapes() {
        KerasTensor a = Input.shape(Shape.of(3), "a"), b = Input.shape(Shape.of(3), "b");
        Dense shared = new Dense(2).name("shared");
        Model m = new Model(List.of(a, b), List.of(new Concatenate().name("both").apply(shared.apply(a), shared.apply(b))));
        Graph g = Graph.parse(ModelPlot.modelToDot(m, true));
        assertThat(g.edges()).containsExactlyInAnyOrder("a->shared", "b->shared", "shared->both");
        assertThat(g.labels().get("shared")).contains("Output shape: <b>multiple</b>");
    }

    @Test
    void sequentialIsAChainFromItsInput() {
        Sequential s = new Sequential(new Dense(5).name("d1").inputShape(3), new Dense(2).name("d2"));
        Graph g = Graph.parse(ModelPlot.modelToDot(s, true));
        assertThat(g.edges()).hasSize(2).contains("d1->d2");
        assertThat(g.labels().get("d2")).contains("Input shape: <b>(None, 5)</b>").contains("Output shape: <b>(None, 2)</b>");
        assertThatThrownBy(() -> ModelPlot.modelToDot(new Sequential(new Dense(2)), false))
                .hasMessageContaining("This model has not yet been built");
    }

    @Test
    void rendersPngSvgAndDot() throws IOException {
        Model m = houseModel();
        Path png = ModelPlot.plotModel(m, dir.resolve("model.png").toString(), true);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).isNotNull();
        assertThat(img.getHeight()).isGreaterThan(img.getWidth() / 2).isGreaterThan(500);  // top to bottom, 7 ranks
        Path lr = ModelPlot.plotModel(m, dir.resolve("lr.png").toString(), new PlotModelOptions().rankdir("LR").dpi(72));
        BufferedImage wide = ImageIO.read(lr.toFile());
        assertThat(wide.getWidth()).isGreaterThan(wide.getHeight());

        Path svg = ModelPlot.plotModel(m, dir.resolve("model.svg").toString(), true);
        assertThat(Files.readString(svg)).contains("<svg").contains("concat").contains("(None, 14, 14, 2)");
        Path dot = ModelPlot.plotModel(m, dir.resolve("model.dot").toString(), true);
        assertThat(Files.readString(dot)).isEqualTo(ModelPlot.modelToDot(m, true));
    }

    @Test
    void missingDotSaysToInstallGraphviz() throws IOException {
        System.setProperty("jkeras.graphviz.dot", dir.resolve("no-such-dir/dot").toString());
        assertThatThrownBy(() -> ModelPlot.plotModel(houseModel(), dir.resolve("m.png").toString(), false))
                .isInstanceOf(IOException.class).hasMessageContaining("You must install graphviz")
                .hasMessageContaining("apt-get install graphviz").hasMessageContaining("no-such-dir");
        assertThat(dir.resolve("m.png")).doesNotExist();
        System.setProperty("jkeras.graphviz.dot", "no-such-graphviz-program");
        assertThatThrownBy(() -> ModelPlot.plotModel(houseModel(), dir.resolve("m.svg").toString(), false))
                .hasMessageContaining("on the PATH");
        // DOT text needs no Graphviz.
        assertThat(ModelPlot.plotModel(houseModel(), dir.resolve("m.dot").toString(), false)).exists();
    }
}
