// Character-level text generation with an LSTM, as Keras's example (lstm_character_level_text_generation): the model
// reads 60 characters, one-hot encoded, and predicts the next one; text is then generated one character at a
// time by sampling from the predicted distribution at temperatures 0.2, 0.5 and 1.0 (low: safe and repetitive,
// high: more surprising).
// Run from the repository root:
//   bin/jkeras-shell samples/char_lstm.jsh
//   TEXT=path/to/book.txt bin/jkeras-shell samples/char_lstm.jsh
// Text: $TEXT, else datasets/newton-opticks.txt (Newton's Opticks, public domain; see datasets/MANIFEST.md).
// It trains on the first 60,000 characters for 3 epochs (CHARS=n and EPOCHS=n to change); JKERAS_FAST=1 trains on
// 6,000 characters for 2 epochs (CI). The loss is printed per epoch and must fall.
//
// The Keras program it follows:
//   text = open(path).read().lower(); chars = sorted(set(text)); maxlen = 60; step = 3
//   sentences, next_chars = windows of maxlen characters every step characters, and the character after each
//   x = one-hot (len(sentences), maxlen, len(chars)); y = one-hot (len(sentences), len(chars))
//   model = keras.Sequential([keras.Input(shape=(maxlen, len(chars))), layers.LSTM(128),
//                             layers.Dense(len(chars), activation="softmax")])
//   model.compile(loss="categorical_crossentropy", optimizer=keras.optimizers.RMSprop(learning_rate=0.01))
//   model.fit(x, y, batch_size=128, epochs=...)
//   def sample(preds, temperature): preds = np.log(preds) / temperature; preds = softmax(preds); return argmax(multinomial(1, preds))

import io.jkeras.*;
import io.jkeras.callbacks.History;
import io.jkeras.layers.*;
import io.jkeras.models.*;
import io.jkeras.optimizers.RMSprop;
import io.jkeras.training.FitOptions;
import java.nio.file.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

boolean fast = "1".equals(System.getenv("JKERAS_FAST"));
int epochs = System.getenv("EPOCHS") != null ? Integer.parseInt(System.getenv("EPOCHS")) : fast ? 2 : 3;
int maxChars = fast ? 6_000 : System.getenv("CHARS") != null ? Integer.parseInt(System.getenv("CHARS")) : 60_000;
Keras.setRandomSeed(60);

// ---- the text, lower-cased, and its alphabet
Path source = Path.of(System.getenv("TEXT") != null ? System.getenv("TEXT") : "datasets/newton-opticks.txt");
String text = Files.readString(source).toLowerCase();
if (text.length() > maxChars) text = text.substring(0, maxChars);
List<Character> chars = text.chars().distinct().sorted().mapToObj(c -> (char) c).toList();
Map<Character, Integer> charIndices = new HashMap<>();
for (int i = 0; i < chars.size(); i++) charIndices.put(chars.get(i), i);
System.out.println(source + ": " + text.length() + " characters used, " + chars.size() + " distinct");

// ---- windows of 60 characters every 3, each with the character that follows, one-hot encoded
int maxlen = 60, step = 3;
int n = (text.length() - maxlen - 1) / step + 1;
int vocab = chars.size();
float[] xs = new float[n * maxlen * vocab];
float[] ys = new float[n * vocab];
for (int s = 0; s < n; s++) {
    for (int t = 0; t < maxlen; t++) xs[(s * maxlen + t) * vocab + charIndices.get(text.charAt(s * step + t))] = 1f;
    ys[s * vocab + charIndices.get(text.charAt(s * step + maxlen))] = 1f;
}
INDArray x = Nd4j.create(xs, new long[]{n, maxlen, vocab}, DataType.FLOAT);
INDArray y = Nd4j.create(ys, new long[]{n, vocab}, DataType.FLOAT);
System.out.println("sequences: " + n + ", x " + Shape.ofArray(x.shape()) + ", y " + Shape.ofArray(y.shape()));

// ---- the model
Sequential model = new Sequential(
        new LSTM(128).inputShape(maxlen, vocab),
        new Dense(vocab).activation("softmax"));
model.summary();
model.compile(new RMSprop(0.01), "categorical_crossentropy");
History history = model.fit(x, y, FitOptions.epochs(epochs).batchSize(128));
List<Double> losses = history.history().get("loss");
System.out.print("loss per epoch:");
for (int e = 0; e < losses.size(); e++) System.out.printf(" %d: %.4f", e + 1, losses.get(e));
System.out.println();
if (!(losses.get(losses.size() - 1) < losses.get(0))) throw new IllegalStateException("the loss did not fall: " + losses);

// ---- generation: sample the next character from the predicted distribution, sharpened or flattened by the temperature
int sample(INDArray probabilities, double temperature) {
    double[] p = probabilities.toDoubleVector();
    double max = Double.NEGATIVE_INFINITY, sum = 0;
    for (int i = 0; i < p.length; i++) { p[i] = Math.log(Math.max(p[i], 1e-12)) / temperature; max = Math.max(max, p[i]); }
    for (int i = 0; i < p.length; i++) { p[i] = Math.exp(p[i] - max); sum += p[i]; }
    double r = Keras.random().nextDouble() * sum;
    for (int i = 0; i < p.length; i++) { r -= p[i]; if (r <= 0) return i; }
    return p.length - 1;
}
int length = fast ? 80 : 300;
int start = Keras.random().nextInt(text.length() - maxlen - 1);
String seed = text.substring(start, start + maxlen);
System.out.println("...Generating with seed: \"" + seed.replace('\n', ' ') + "\"");
for (double temperature : new double[]{0.2, 0.5, 1.0}) {
    StringBuilder sentence = new StringBuilder(seed), generated = new StringBuilder();
    INDArray window = Nd4j.zeros(DataType.FLOAT, 1, maxlen, vocab);
    for (int i = 0; i < length; i++) {
        window.assign(0);
        for (int t = 0; t < maxlen; t++) window.putScalar(new long[]{0, t, charIndices.get(sentence.charAt(t))}, 1f);
        char next = chars.get(sample(model.predictOnBatch(window).getRow(0), temperature));
        generated.append(next);
        sentence.deleteCharAt(0).append(next);
    }
    System.out.println("...Diversity: " + temperature);
    System.out.println("...Generated: " + generated);
    System.out.println("-");
}

System.out.println("char_lstm done");
/exit
