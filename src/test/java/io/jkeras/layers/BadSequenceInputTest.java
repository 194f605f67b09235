package io.jkeras.layers;

import io.jkeras.Input;
import io.jkeras.KerasTensor;
import io.jkeras.models.Model;
import io.jkeras.models.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue #5 §4: bad input to the sequence layers gives Keras-style errors that name the layer, what was expected and
 * what was received — eagerly and inside a model — for a 2-D array given to an LSTM, an index ≥ input_dim given to
 * an Embedding, initial states of the wrong shape or number, and masks of the wrong shape.
 */
class BadSequenceInputTest {
    @Test
    void twoDimensionalArrayGivenToAnLstm() {
        LSTM lstm = new LSTM(4).name("encoder");
        assertThatThrownBy(() -> lstm.apply(Nd4j.rand(DataType.FLOAT, 8, 10)))
                .hasMessage("Input 0 of layer \"encoder\" is incompatible with the layer: expected ndim=3, found ndim=2. "
                        + "Full shape received: (None, 10)");
        Sequential model = new Sequential(new LSTM(4).name("lstm_in_model").inputShape(10, 3), new Dense(1));
        // Inside a model, the model's own input check speaks first, as Keras's does.
        assertThatThrownBy(() -> model.predict(Nd4j.rand(DataType.FLOAT, 8, 10)))
                .hasMessage("Input 0 of layer \"" + model.name() + "\" is incompatible with the layer: expected shape=(None, 10, 3), "
                        + "found shape=(None, 10)");
        // GRU and SimpleRNN share the check.
        assertThatThrownBy(() -> new GRU(2).name("g").apply(Nd4j.rand(DataType.FLOAT, 8, 10)))
                .hasMessageContaining("layer \"g\"").hasMessageContaining("expected ndim=3, found ndim=2");
    }

    @Test
    void indexOutsideTheVocabulary() {
        Embedding e = new Embedding(100, 8).name("words");
        INDArray ids = Nd4j.createFromArray(new int[][]{{1, 2, 3, 4}, {5, 6, 7, 100}});
        assertThatThrownBy(() -> e.apply(ids))
                .hasMessageContaining("Layer \"words\" (Embedding)")
                .hasMessageContaining("Received an index of 100 (row 1, column 3 of the input of shape (2, 4))")
                .hasMessageContaining("outside the valid range of [0, 100)");
        Sequential model = new Sequential(new Embedding(100, 8).name("vocab").maskZero(true).inputShape(4), new LSTM(3), new Dense(1));
        assertThatThrownBy(() -> model.predict(Nd4j.createFromArray(new int[][]{{1, 2, 0, 0}, {-1, 0, 0, 0}})))
                .hasMessageContaining("Layer \"vocab\" (Embedding)").hasMessageContaining("Received an index of -1 (row 1, column 0");
    }

    @Test
    void initialStatesOfTheWrongShapeOrNumber() {
        LSTM lstm = new LSTM(3).name("dec");
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 5, 4);
        lstm.call(List.of(x), false);
        assertThatThrownBy(() -> lstm.call(List.of(x, Nd4j.zeros(DataType.FLOAT, 2, 4), Nd4j.zeros(DataType.FLOAT, 2, 3)), false))
                .hasMessageContaining("An `initial_state` was passed that is not compatible with `cell.state_size` of layer \"dec\"")
                .hasMessageContaining("Received `state_spec`=(None, 4)").hasMessageContaining("expected shape (None, 3) for initial state 0");
        assertThatThrownBy(() -> lstm.call(List.of(x, Nd4j.zeros(DataType.FLOAT, 3, 3), Nd4j.zeros(DataType.FLOAT, 3, 3)), false))
                .hasMessageContaining("not compatible with `cell.state_size` of layer \"dec\"");
        assertThatThrownBy(() -> lstm.forward(List.of(x, Nd4j.zeros(DataType.FLOAT, 2, 3)), false))
                .hasMessageContaining("Layer \"dec\" (LSTM) expects 2 initial state(s), but it received 1");
        KerasTensor in = Input.shape(5, 4);
        assertThatThrownBy(() -> new LSTM(3).name("sym").applyWithInitialState(in, Input.shape(4), Input.shape(3)))
                .hasMessageContaining("layer \"sym\"").hasMessageContaining("(None, 4)");
        assertThatThrownBy(() -> new GRU(3).name("gru_states").call(List.of(x, Nd4j.zeros(DataType.FLOAT, 2, 5)), false))
                .hasMessageContaining("layer \"gru_states\"").hasMessageContaining("Received `state_spec`=(None, 5)");
    }

    @Test
    void masksOfTheWrongShape() {
        LSTM lstm = new LSTM(3).name("masked");
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 5, 4);
        lstm.call(List.of(x), false);
        for (INDArray bad : List.of(Nd4j.ones(DataType.BOOL, 2, 4), Nd4j.ones(DataType.BOOL, 3, 5), Nd4j.ones(DataType.BOOL, 2),
                Nd4j.ones(DataType.BOOL, 2, 5, 4))) {
            assertThatThrownBy(() -> lstm.forward(List.of(x), List.of(bad), false))
                    .hasMessageContaining("Layer \"masked\" (LSTM)")
                    .hasMessageContaining("the mask must have shape (batch, timesteps) = (2, 5), but received a mask with shape");
        }
        // The accepted forms: (batch, timesteps), or with a trailing axis of 1.
        lstm.forward(List.of(x), List.of(Nd4j.ones(DataType.BOOL, 2, 5)), false);
        lstm.forward(List.of(x), List.of(Nd4j.ones(DataType.BOOL, 2, 5, 1)), false);
    }
}
