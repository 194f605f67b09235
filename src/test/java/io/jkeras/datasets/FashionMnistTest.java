package io.jkeras.datasets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FashionMnistTest {
    @Test
    void loadsWhatKerasLoads() throws IOException {
        assumeTrue(FashionMnist.searchPath().stream().anyMatch(d -> Files.isRegularFile(d.resolve(FashionMnist.TRAIN_IMAGES))),
                "Debian package dataset-fashion-mnist not installed");
        TrainTest d = FashionMnist.loadData();

        assertThat(d.xTrain().shape()).containsExactly(60000, 28, 28);
        assertThat(d.yTrain().shape()).containsExactly(60000);
        assertThat(d.xTest().shape()).containsExactly(10000, 28, 28);
        assertThat(d.yTest().shape()).containsExactly(10000);
        for (INDArray a : new INDArray[]{d.xTrain(), d.yTrain(), d.xTest(), d.yTest()}) {
            assertThat(a.dataType()).isEqualTo(DataType.UINT8);
        }
        // Figures computed with NumPy from the same files (np.frombuffer(..., np.uint8)).
        assertThat(d.yTrain().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 10)).toIntVector())
                .containsExactly(9, 0, 0, 3, 0, 2, 7, 2, 5, 5);
        assertThat(d.yTest().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 10)).toIntVector())
                .containsExactly(9, 2, 1, 1, 6, 1, 4, 6, 5, 7);
        assertThat(d.yTrain().castTo(DataType.INT).minNumber().intValue()).isZero();
        assertThat(d.yTrain().castTo(DataType.INT).maxNumber().intValue()).isEqualTo(9);
        assertThat(d.yTest().castTo(DataType.INT).maxNumber().intValue()).isEqualTo(9);
        // Sums in long: a pixel above 127 must count as itself, not as a negative Java byte.
        assertThat(d.xTrain().castTo(DataType.LONG).sumNumber().longValue()).isEqualTo(3_431_114_169L);
        assertThat(d.xTest().castTo(DataType.LONG).sumNumber().longValue()).isEqualTo(573_469_082L);
        assertThat(d.xTrain().slice(0).castTo(DataType.LONG).sumNumber().longValue()).isEqualTo(76_247L);
        assertThat(d.xTrain().castTo(DataType.INT).maxNumber().intValue()).isEqualTo(255);
    }

    @Test
    void searchesKerasCacheFirstThenDebian() {
        assertThat(FashionMnist.searchPath(Map.of(), "/home/ann")).containsExactly(
                Path.of("/home/ann/.keras/datasets/fashion-mnist"), Path.of("/usr/share/datasets/fashion-mnist"));
        assertThat(FashionMnist.searchPath(Map.of("KERAS_HOME", "/data/keras"), "/home/ann").get(0))
                .isEqualTo(Path.of("/data/keras/datasets/fashion-mnist"));
    }

    @Test
    void missingFilesAreNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> FashionMnist.loadData(dir))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining("train-images-idx3-ubyte.gz");
    }

    @Test
    void bundledSampleLoadsOfflineWithKerasShapesAndEveryClass() throws IOException {
        TrainTest d = FashionMnist.loadSample();
        assertThat(d.xTrain().shape()).containsExactly(10000, 28, 28);
        assertThat(d.yTrain().shape()).containsExactly(10000);
        assertThat(d.xTest().shape()).containsExactly(2000, 28, 28);
        assertThat(d.yTest().shape()).containsExactly(2000);
        for (INDArray a : new INDArray[]{d.xTrain(), d.yTrain(), d.xTest(), d.yTest()}) {
            assertThat(a.dataType()).isEqualTo(DataType.UINT8);
        }
        // Every class about equally often (the full set has exactly 10% each), so accuracy on it means something.
        int[] train = new int[10];
        for (int y : d.yTrain().toIntVector()) train[y]++;
        int[] test = new int[10];
        for (int y : d.yTest().toIntVector()) test[y]++;
        for (int c = 0; c < 10; c++) {
            assertThat(train[c]).as("train class %d", c).isBetween(900, 1100);
            assertThat(test[c]).as("test class %d", c).isBetween(150, 250);
        }
        assertThat(d.xTrain().castTo(DataType.INT).maxNumber().intValue()).isEqualTo(255);
        // The sample is the first records of the full dataset, where Debian's files are there to compare with.
        if (Files.isRegularFile(FashionMnist.DEBIAN_DIR.resolve(FashionMnist.TRAIN_IMAGES))) {
            TrainTest full = FashionMnist.loadData(FashionMnist.DEBIAN_DIR);
            org.nd4j.linalg.indexing.INDArrayIndex first10k = org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 10000);
            org.nd4j.linalg.indexing.INDArrayIndex first2k = org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2000);
            assertThat(d.xTrain()).isEqualTo(full.xTrain().get(first10k));
            assertThat(d.yTrain()).isEqualTo(full.yTrain().get(first10k));
            assertThat(d.xTest()).isEqualTo(full.xTest().get(first2k));
            assertThat(d.yTest()).isEqualTo(full.yTest().get(first2k));
        }
    }
}
