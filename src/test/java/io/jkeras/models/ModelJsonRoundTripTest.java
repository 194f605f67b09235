package io.jkeras.models;

import io.jkeras.Input;
import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.layers.Dense;
import io.jkeras.layers.InputLayer;
import io.jkeras.layers.Layer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Models built in Java survive {@code toJson} / {@code modelFromJson}: same JSON, structure, and predictions. */
class ModelJsonRoundTripTest {

    /** JSON, layer names, output shapes, parameter count, and predictions after copying the weights. */
    static Model assertRoundTrip(Model m) {
        String json = m.toJson();
        Model copy = Models.modelFromJson(json);
        assertThat(copy.toJson()).isEqualTo(json);
        assertThat(copy.getClass()).isEqualTo(m.getClass());
        assertThat(copy.name()).isEqualTo(m.name());
        assertThat(copy.layers().stream().map(Layer::name).toList()).isEqualTo(m.layers().stream().map(Layer::name).toList());
        assertThat(copy.outputs().stream().map(KerasTensor::shape).toList())
                .isEqualTo(m.outputs().stream().map(KerasTensor::shape).toList());
        assertThat(copy.countParams()).isEqualTo(m.countParams());
        copy.setWeights(m.getWeights());
        List<INDArray> xs = m.inputs().stream().map(t -> Nd4j.rand(DataType.FLOAT, t.shape().toLongArray(3))).toList();
        List<INDArray> expected = m.predict(xs, 32);
        List<INDArray> actual = copy.predict(xs, 32);
        for (int i = 0; i < expected.size(); i++) assertThat(actual.get(i)).isEqualTo(expected.get(i));
        return copy;
    }

    @Test
    void sequential() {
        Sequential m = new Sequential(new InputLayer(5).name("rt_seq_in"), new Dense(8).activation("relu").name("rt_seq_d1"),
                new Dense(3).name("rt_seq_d2"));
        m.name("rt_seq");
        Model copy = assertRoundTrip(m);
        assertThat(((Sequential) copy).inputLayer().name()).isEqualTo("rt_seq_in");
    }

    @Test
    void sequentialFromFirstLayerInputShape() {
        Sequential m = new Sequential(new Dense(4).inputShape(6).name("rt_first_d1"), new Dense(2).name("rt_first_d2"));
        assertRoundTrip(m);
        assertThat(m.toJson()).doesNotContain("batch_input_shape");
    }

    @Test
    void functionalWithTwoInputsTwoOutputsASharedLayerAndANestedModel() {
        KerasTensor innerIn = Input.create(Shape.of(null, 6), "rt_inner_in", "float32");
        Model inner = new Model(innerIn, new Dense(5).activation("relu").name("rt_inner_d").apply(innerIn));
        inner.name("rt_inner");

        KerasTensor a = Input.create(Shape.of(null, 4), "rt_in_a", "float32");
        KerasTensor b = Input.create(Shape.of(null, 4), "rt_in_b", "float32");
        Dense shared = new Dense(6).activation("relu").name("rt_shared");
        KerasTensor ha = shared.apply(a);
        KerasTensor hb = shared.apply(b);
        KerasTensor outA = new Dense(2).name("rt_head_a").apply(inner.apply(ha));
        KerasTensor outB = new Dense(3).name("rt_head_b").apply(hb);
        Model m = new Model(List.of(a, b), List.of(outA, outB));
        m.name("rt_two_heads");
        Model copy = assertRoundTrip(m);
        assertThat(copy.getLayer("rt_shared").inboundNodes()).hasSize(2);
        assertThat(copy.getLayer("rt_inner")).isInstanceOf(Model.class);
    }

    @Test
    void nestedFunctionalAsTheOutputCountsItsNodesFromOne() {
        KerasTensor innerIn = Input.create(Shape.of(null, 3), "rt_out_inner_in", "float32");
        Model inner = new Model(innerIn, new Dense(2).name("rt_out_inner_d").apply(innerIn));
        inner.name("rt_out_inner");
        KerasTensor x = Input.create(Shape.of(null, 4), "rt_out_in", "float32");
        Model m = new Model(x, inner.apply(new Dense(3).name("rt_out_d").apply(x)));
        m.name("rt_out_model");
        assertThat(m.toJson()).contains("\"output_layers\":[[\"rt_out_inner\",1,0]]")
                .contains("\"keras_history\":[\"rt_out_d\",0,0]");
        assertRoundTrip(m);
    }

    @Test
    void sequentialInsideFunctionalAndFunctionalInsideSequential() {
        Sequential seq = new Sequential(new InputLayer(4).name("rt_nest_seq_in"), new Dense(3).name("rt_nest_seq_d"));
        seq.name("rt_nest_seq");
        KerasTensor x = Input.create(Shape.of(null, 4), "rt_nest_in", "float32");
        Model f = new Model(x, new Dense(2).name("rt_nest_head").apply(seq.apply(x)));
        f.name("rt_nest_functional");
        assertRoundTrip(f);

        Sequential outer = new Sequential(f, new Dense(1).name("rt_nest_outer_d"));
        outer.name("rt_nest_outer");
        Model copy = assertRoundTrip(outer);
        assertThat(copy.getLayer("rt_nest_functional")).isInstanceOf(Model.class);
    }

    @Test
    void aLayerSharedWithAnotherModelIsNumberedWithinEachModel() {
        Dense shared = new Dense(3).name("rt_other_shared");
        KerasTensor a = Input.create(Shape.of(null, 2), "rt_other_a", "float32");
        KerasTensor b = Input.create(Shape.of(null, 2), "rt_other_b", "float32");
        Model first = new Model(a, shared.apply(a));
        first.name("rt_other_first");
        Model second = new Model(b, shared.apply(b)); // the layer's node 1, but this model's node 0
        second.name("rt_other_second");
        assertThat(second.toJson()).contains("\"output_layers\":[[\"rt_other_shared\",0,0]]");
        assertRoundTrip(first);
        assertRoundTrip(second);
    }

    @Test
    void unbuiltSequentialKeepsItsLayers() {
        Sequential m = new Sequential(new Dense(3).name("rt_unbuilt_d"));
        m.name("rt_unbuilt");
        String json = m.toJson();
        assertThat(json).doesNotContain("build_input_shape").doesNotContain("build_config");
        Sequential copy = (Sequential) Models.modelFromJson(json);
        assertThat(copy.hasGraph()).isFalse();
        assertThat(copy.layers()).extracting(Layer::name).containsExactly("rt_unbuilt_d");
        assertThat(copy.toJson()).isEqualTo(json);
    }
}
