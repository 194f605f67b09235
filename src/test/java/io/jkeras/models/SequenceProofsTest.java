package io.jkeras.models;

import io.jkeras.Keras;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Embedding;
import io.jkeras.layers.LSTM;
import io.jkeras.optimizers.Adam;
import io.jkeras.optimizers.RMSprop;
import io.jkeras.preprocessing.text.CharWindows;
import io.jkeras.training.FitOptions;
import io.jkeras.callbacks.History;
import io.jkeras.utils.Sampling;
import io.jkeras.utils.Sequences;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #5's sequence proofs: a sentiment-style classifier (Embedding with mask_zero → LSTM → Dense(sigmoid)) learns
 * a counting task, and the course's character-level LSTM generator (windows of 60 characters → next character)
 * trains with a falling loss and generates text of its alphabet at several temperatures.
 */
class SequenceProofsTest {
    private static final int VOCAB = 40; // 0 = padding; 1..8 "positive", 9..16 "negative", the rest neutral

    /** Reviews of 4..20 token ids, labelled 1 when "positive" tokens outnumber "negative" ones (no ties). */
    private static INDArray[] reviews(int n, Random r) {
        List<List<Integer>> seqs = new ArrayList<>();
        float[] labels = new float[n];
        while (seqs.size() < n) {
            int len = 4 + r.nextInt(17);
            List<Integer> s = new ArrayList<>();
            int score = 0;
            for (int t = 0; t < len; t++) {
                int id = 1 + r.nextInt(VOCAB - 1);
                s.add(id);
                score += id <= 8 ? 1 : id <= 16 ? -1 : 0;
            }
            if (score == 0) continue;
            labels[seqs.size()] = score > 0 ? 1f : 0f;
            seqs.add(s);
        }
        // Padding after the words: the LSTM's last output is the right one only if the mask is honoured.
        INDArray x = Sequences.padSequences(seqs, Sequences.options().maxlen(20).padding("post"));
        return new INDArray[]{x, Nd4j.create(labels, new long[]{n, 1}, DataType.FLOAT)};
    }

    @Test
    void sentimentClassifierLearnsASyntheticTask() {
        Keras.setRandomSeed(7);
        Random r = new Random(7);
        INDArray[] train = reviews(600, r);
        INDArray[] test = reviews(400, r);
        Sequential model = new Sequential(new Embedding(VOCAB, 16).maskZero(true).inputShape(20), new LSTM(16),
                new Dense(1).activation("sigmoid"));
        model.compile(new Adam(0.01), "binary_crossentropy", "accuracy");
        long start = System.nanoTime();
        model.fit(train[0], train[1], FitOptions.epochs(6).batchSize(50).verbose(0));
        double seconds = (System.nanoTime() - start) / 1e9;
        double accuracy = model.evaluate(test[0], test[1]).get("accuracy");
        System.out.printf("sentiment LSTM: test accuracy %.3f after %.1f s of training%n", accuracy, seconds);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void characterLevelGeneratorTrainsAndGenerates() throws Exception {
        Keras.setRandomSeed(3);
        String text = Files.readString(Path.of("src/test/resources/text/char_lstm_corpus.txt")).toLowerCase().strip();
        CharWindows w = CharWindows.of(text, 60, 3);
        Sequential model = new Sequential(new LSTM(64).inputShape(60, w.alphabetSize()),
                new Dense(w.alphabetSize()).activation("softmax"));
        model.compile(new RMSprop(0.01), "categorical_crossentropy");
        History h = model.fit(w.x(), w.y(), FitOptions.epochs(4).batchSize(64).verbose(0));
        List<Double> loss = h.history().get("loss");
        System.out.println("char LSTM: loss per epoch " + loss);
        for (int e = 1; e < loss.size(); e++) assertThat(loss.get(e)).as("epoch %d", e + 1).isLessThan(loss.get(e - 1));

        Random random = new Random(3);
        String seed = text.substring(0, 60);
        for (double temperature : new double[]{0.2, 0.5, 1.0, 1.2}) {
            StringBuilder generated = new StringBuilder(seed);
            for (int i = 0; i < 40; i++) {
                INDArray preds = model.predict(w.encode(generated.toString())).getRow(0);
                generated.append(w.charAt(Sampling.sample(preds, temperature, random)));
            }
            String added = generated.substring(60);
            System.out.println("char LSTM, temperature " + temperature + ": " + added);
            assertThat(added).hasSize(40);
            for (char c : added.toCharArray()) assertThat(w.alphabet()).contains(String.valueOf(c));
        }
    }
}
