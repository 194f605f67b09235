package io.jkeras.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dataset split as Keras's loaders return it, {@code (x_train, y_train), (x_test, y_test)}, in one record.
 *
 * <pre>{@code
 * jshell> var d = FashionMnist.loadData();
 * jshell> d.xTrain().shape()
 * $2 ==> long[3] { 60000, 28, 28 }
 * }</pre>
 *
 * @param xTrain training inputs
 * @param yTrain training targets
 * @param xTest  test inputs
 * @param yTest  test targets
 */
public record TrainTest(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest) {
}
