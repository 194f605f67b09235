// A model with two inputs, as in the course's house-price exercise ("multiple inputs and mixed data"): an MLP reads
// the tabular features (bedrooms, bathrooms, area, age), a CNN reads a picture of the house, their outputs are
// concatenated, and a small head predicts the price, trained with the mean absolute error.
// Run from the repository root:
//   bin/jkeras-shell samples/house_prices.jsh
// Data: synthetic, with a relation to learn: the price is a sum of terms in the features plus a term in the
// "condition" of the house, which only the picture shows (how bright its facade is drawn), plus noise.
// JKERAS_FAST=1 trains on 128 houses for one epoch (CI). Files: target/samples/house_prices_model.png (the graph).
//
// The Keras program it follows:
//   mlp = create_mlp(4): Dense(8, relu) → Dense(4, relu);  cnn = create_cnn(32, 32, 3): (Conv2D → relu → BN →
//   MaxPooling2D) for 16, 32, 64 filters → Flatten → Dense(16, relu) → BN → Dropout(0.5) → Dense(4, relu)
//   x = layers.concatenate([mlp.output, cnn.output]); x = Dense(4, relu)(x); x = Dense(1, linear)(x)
//   model = keras.Model(inputs=[mlp.input, cnn.input], outputs=x)
//   model.compile(loss="mean_absolute_error", optimizer=Adam(learning_rate=1e-3))
//   model.fit(x=[train_attr, train_images], y=train_y, validation_data=([test_attr, test_images], test_y), epochs=...)
//   keras.utils.plot_model(model, "model.png", show_shapes=True)

import io.jkeras.*;
import io.jkeras.layers.*;
import io.jkeras.models.*;
import io.jkeras.optimizers.Adam;
import io.jkeras.training.FitOptions;
import io.jkeras.utils.*;
import java.nio.file.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

boolean fast = "1".equals(System.getenv("JKERAS_FAST"));
Path out = Files.createDirectories(Path.of("target", "samples"));
Keras.setRandomSeed(11);

// ---- synthetic houses
int n = fast ? 160 : 1_000;
INDArray bedrooms = Nd4j.createFromArray(Keras.random().ints(n, 1, 6).toArray()).castTo(DataType.FLOAT).reshape(n, 1);
INDArray bathrooms = Nd4j.createFromArray(Keras.random().ints(n, 1, 4).toArray()).castTo(DataType.FLOAT).reshape(n, 1);
INDArray area = Nd4j.rand(DataType.FLOAT, n, 1).muli(2500).addi(500);           // square feet, 500..3000
INDArray age = Nd4j.rand(DataType.FLOAT, n, 1).muli(80);                        // years
INDArray condition = Nd4j.rand(DataType.FLOAT, n, 1);                           // 0 (poor) .. 1 (like new): picture only
// price = 20k per bedroom + 15k per bathroom + 100 per square foot − 1k per year of age + up to 150k for the condition
INDArray price = bedrooms.mul(20_000).addi(bathrooms.mul(15_000)).addi(area.mul(100)).subi(age.mul(1_000)).addi(
        condition.mul(150_000)).addi(Nd4j.randn(DataType.FLOAT, n, 1).muli(10_000)).addi(50_000);
// The pictures: a fixed house drawing (walls, roof, door) whose facade brightness is the condition, on noise.
INDArray house = Nd4j.zeros(DataType.FLOAT, 32, 32, 3);
house.get(NDArrayIndex.interval(14, 30), NDArrayIndex.interval(6, 26), NDArrayIndex.all()).assign(1);      // walls
house.get(NDArrayIndex.interval(6, 14), NDArrayIndex.interval(10, 22), NDArrayIndex.all()).assign(0.6);    // roof
house.get(NDArrayIndex.interval(20, 30), NDArrayIndex.interval(14, 18), NDArrayIndex.all()).assign(0.2);   // door
INDArray images = condition.mmul(house.reshape(1, 32 * 32 * 3)).muli(0.8).addi(Nd4j.rand(DataType.FLOAT, n, 32 * 32 * 3).muli(0.2)).reshape(n, 32, 32, 3);
// Features standardized (as a MinMaxScaler / StandardScaler would), prices scaled by the largest one.
INDArray attributes = Nd4j.hstack(bedrooms, bathrooms, area, age);
attributes = attributes.subRowVector(attributes.mean(0)).divRowVector(attributes.std(0));
double maxPrice = price.maxNumber().doubleValue();
INDArray y = price.div(maxPrice);
int nTrain = (int) (n * 0.8);
INDArrayIndex[] train = {NDArrayIndex.interval(0, nTrain)}, test = {NDArrayIndex.interval(nTrain, n)};
System.out.printf("%d houses (%d for training), prices %.0f .. %.0f%n", n, nTrain, price.minNumber().doubleValue(), maxPrice);

// ---- the two branches and the head
KerasTensor attrInput = Input.shape(Shape.of(4), "attributes");
KerasTensor mlp = new Dense(8).activation("relu").apply(attrInput);
mlp = new Dense(4).activation("relu").apply(mlp);

KerasTensor imageInput = Input.shape(Shape.of(32, 32, 3), "picture");
KerasTensor cnn = imageInput;
for (int filters : new int[]{16, 32, 64}) {
    cnn = new Conv2D(filters, 3).padding("same").activation("relu").apply(cnn);
    cnn = new BatchNormalization().apply(cnn);
    cnn = new MaxPooling2D(2).apply(cnn);
}
cnn = new Flatten().apply(cnn);
cnn = new Dense(16).activation("relu").apply(cnn);
cnn = new BatchNormalization().apply(cnn);
cnn = new Dropout(0.5).apply(cnn);
cnn = new Dense(4).activation("relu").apply(cnn);

KerasTensor combined = Merging.concatenate(mlp, cnn);
KerasTensor head = new Dense(4).activation("relu").apply(combined);
KerasTensor priceOut = new Dense(1).activation("linear").name("price").apply(head);
Model model = new Model(List.of(attrInput, imageInput), List.of(priceOut));
model.summary();
System.out.println("wrote " + ModelPlot.plotModel(model, out.resolve("house_prices_model.png").toString(), true));

// ---- training with the mean absolute error
model.compile(new Adam(1e-3), "mean_absolute_error");
List<INDArray> xTrain = List.of(attributes.get(train), images.get(train));
List<INDArray> xTest = List.of(attributes.get(test), images.get(test));
model.fit(xTrain, List.of(y.get(train)), FitOptions.epochs(fast ? 1 : 25).batchSize(16).validationData(
        xTest, List.of(y.get(test))).verbose(fast ? 1 : 2));

// ---- in dollars: the error on houses the model has not seen
INDArray predicted = model.predict(xTest, 32).get(0).mul(maxPrice);
INDArray truth = price.get(test);
double mae = Transforms.abs(predicted.sub(truth)).meanNumber().doubleValue();
double guess = Transforms.abs(truth.sub(price.get(train).meanNumber())).meanNumber().doubleValue();
System.out.printf("mean absolute error on the test houses: $%,.0f (always guessing the mean price: $%,.0f)%n", mae, guess);
for (int i = 0; i < 5; i++) {
    System.out.printf("house %d: %d bedrooms, %d bathrooms, %.0f sq ft, %.0f years, condition %.2f: predicted $%,.0f, actual $%,.0f%n", nTrain + i,
            bedrooms.getInt(nTrain + i, 0), bathrooms.getInt(nTrain + i, 0), area.getDouble(nTrain + i, 0), age.getDouble(nTrain + i, 0),
            condition.getDouble(nTrain + i, 0), predicted.getDouble(i, 0), truth.getDouble(i, 0));
}

System.out.println("house_prices done");
/exit
