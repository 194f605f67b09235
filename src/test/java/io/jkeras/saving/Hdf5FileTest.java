package io.jkeras.saving;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HDF5 wrapper: real Keras files, round trips of every supported type and rank, both string encodings, errors. */
class Hdf5FileTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftOpen() throws IOException {
        assertThat(Hdf5File.openObjectsInProcess()).as("HDF5 objects still open").isZero();
    }

    @Test
    void readsAKeras2FileWithFixedLengthNamesAndEmptyFloatWeightNames() throws IOException {
        Path p = KerasFiles.copy("simple_sparse_xent_mlp_keras_2_model.h5", dir);
        try (Hdf5File f = Hdf5File.open(p); Hdf5Group w = f.root().group("model_weights")) {
            assertThat(f.root().readString("keras_version")).isEqualTo("2.3.1");
            assertThat(f.root().readString("backend")).isEqualTo("tensorflow");
            assertThat(f.root().readString("model_config")).startsWith("{\"class_name\": \"Sequential\"");
            assertThat(w.readStrings("layer_names")).containsExactly("dense_1", "activation_1");
            try (Hdf5Group dense = w.group("dense_1"); Hdf5Group act = w.group("activation_1")) {
                assertThat(dense.readStrings("weight_names")).containsExactly("dense_1/kernel:0", "dense_1/bias:0");
                assertThat(act.readStrings("weight_names")).isEmpty();
                INDArray kernel = dense.read("dense_1/kernel:0");
                assertThat(kernel.shape()).containsExactly(4, 3);
                assertThat(kernel.dataType()).isEqualTo(DataType.FLOAT);
                assertThat(dense.shape("dense_1/bias:0")).containsExactly(3);
            }
            assertThat(w.keys()).containsExactly("activation_1", "dense_1");
            assertThat(f.openObjectCount()).isEqualTo(3); // file, root, model_weights
        }
    }

    @Test
    void readsKeras3VariableLengthNamesAndInt64Scalars() throws IOException {
        Path p = KerasFiles.copy("graduate_admission_model.h5", dir);
        try (Hdf5File f = Hdf5File.open(p); Hdf5Group w = f.root().group("model_weights");
             Hdf5Group opt = f.root().group("optimizer_weights")) {
            assertThat(w.readStrings("layer_names")).containsExactly("dense", "dense_1", "dense_2");
            assertThat(opt.readStrings("weight_names")).startsWith("adam/iteration", "adam/learning_rate");
            INDArray it = opt.read("adam/iteration");
            assertThat(it.rank()).isZero();
            assertThat(it.dataType()).isEqualTo(DataType.LONG);
            assertThat(opt.read("adam/learning_rate").getDouble(0)).isCloseTo(1e-3, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(f.root().attributeNames()).containsExactly("backend", "keras_version", "model_config", "training_config");
        }
    }

    @Test
    void roundTripsEveryTypeAndRankAndBothStringEncodings() throws IOException {
        Path p = dir.resolve("t.h5");
        INDArray f32 = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5);
        INDArray f64 = Nd4j.rand(DataType.DOUBLE, 7);
        INDArray i64 = Nd4j.scalar(DataType.LONG, 1234567890123L);
        INDArray i32 = Nd4j.createFromArray(new int[][]{{1, -2}, {3, 4}});
        INDArray view = Nd4j.rand(DataType.FLOAT, 6, 6).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 5));
        INDArray fortran = Nd4j.rand(DataType.FLOAT, 'f', 3, 2);
        try (Hdf5File f = Hdf5File.create(p)) {
            Hdf5Group r = f.root();
            r.write("a/b/f32", f32);
            r.write("f64", f64);
            r.write("i64", i64);
            r.write("i32", i32);
            r.write("view", view);
            r.write("fortran", fortran);
            r.write("empty", Nd4j.create(DataType.FLOAT, 0, 3));
            r.writeString("s", "héllo");
            r.writeFixedStrings("fixed", List.of("dense_1/kernel:0", "b"));
            r.writeVariableStrings("var", List.of("x", "yz"));
            r.writeFixedStrings("none", List.of());
            r.writeString("s", "replaced");
        }
        try (Hdf5File f = Hdf5File.open(p)) {
            Hdf5Group r = f.root();
            assertThat(r.read("a/b/f32")).isEqualTo(f32);
            assertThat(r.read("f64")).isEqualTo(f64);
            assertThat(r.read("i64")).isEqualTo(i64);
            assertThat(r.read("i32")).isEqualTo(i32);
            assertThat(r.read("view")).isEqualTo(view);
            assertThat(r.read("fortran")).isEqualTo(fortran);
            assertThat(r.shape("empty")).containsExactly(0, 3);
            assertThat(r.readString("s")).isEqualTo("replaced");
            assertThat(r.readStrings("fixed")).containsExactly("dense_1/kernel:0", "b");
            assertThat(r.readStrings("var")).containsExactly("x", "yz");
            assertThat(r.readStrings("none")).isEmpty();
            assertThat(r.contains("a/b/f32")).isTrue();
            assertThat(r.contains("a/zz/f32")).isFalse();
            assertThat(r.isGroup("a/b")).isTrue();
            assertThat(r.isDataset("a/b")).isFalse();
            assertThat(r.keys()).containsExactly("a", "empty", "f64", "fortran", "i32", "i64", "view");
        }
    }

    @Test
    void badFilesGiveIOExceptionsNamingTheFile() throws IOException {
        Path missing = dir.resolve("missing.h5");
        assertThatThrownBy(() -> Hdf5File.open(missing)).isInstanceOf(IOException.class).hasMessageContaining("missing.h5");

        Path empty = Files.createFile(dir.resolve("empty.h5"));
        assertThatThrownBy(() -> Hdf5File.open(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("empty.h5").hasMessageContaining("empty");

        Path random = dir.resolve("random.h5");
        byte[] noise = new byte[4096];
        new java.util.Random(1).nextBytes(noise);
        Files.write(random, noise);
        assertThatThrownBy(() -> Hdf5File.open(random)).isInstanceOf(IOException.class)
                .hasMessageContaining("random.h5").hasMessageContaining("not an HDF5 file");

        Path real = KerasFiles.copy("graduate_admission_model.h5", dir);
        byte[] all = Files.readAllBytes(real);
        for (int cut : new int[]{8, 100, 800, all.length / 2, all.length - 10}) {
            Path truncated = dir.resolve("truncated-" + cut + ".h5");
            Files.write(truncated, java.util.Arrays.copyOf(all, cut));
            assertThatThrownBy(() -> Hdf5File.open(truncated)).as("cut at %d", cut).isInstanceOf(IOException.class)
                    .hasMessageContaining("truncated-" + cut + ".h5");
        }

        try (Hdf5File f = Hdf5File.open(real)) {
            assertThatThrownBy(() -> f.root().group("nope")).isInstanceOf(IOException.class)
                    .hasMessageContaining("graduate_admission_model.h5").hasMessageContaining("/nope");
            assertThatThrownBy(() -> f.root().read("nope")).isInstanceOf(IOException.class).hasMessageContaining("/nope");
            assertThatThrownBy(() -> f.root().readString("nope")).isInstanceOf(IOException.class).hasMessageContaining("nope");
        }
    }

    /** HDF5 is built without thread-safety: the global lock must make concurrent use from many threads safe. */
    @Test
    void manyThreadsReadAndWriteAtOnce() throws Exception {
        Path src = KerasFiles.copy("graduate_admission_model.h5", dir);
        INDArray expected;
        try (Hdf5File f = Hdf5File.open(src)) {
            expected = f.root().read("model_weights/dense/sequential/dense/kernel");
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> jobs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        try (Hdf5File f = Hdf5File.open(src)) {
                            assertThat(f.root().read("model_weights/dense/sequential/dense/kernel")).isEqualTo(expected);
                        }
                        Path out = dir.resolve("t" + id + ".h5");
                        try (Hdf5File f = Hdf5File.create(out)) {
                            f.root().write("x", expected);
                            f.root().writeFixedStrings("names", List.of("a" + i, "b"));
                        }
                        try (Hdf5File f = Hdf5File.open(out)) {
                            assertThat(f.root().readStrings("names")).containsExactly("a" + i, "b");
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> j : jobs) j.get();
        } finally {
            pool.shutdown();
        }
    }

    /** Name lists past HDF5's 64 KiB header limit are split into name0, name1, ... as Keras does, and read back whole. */
    @Test
    void longNameListsAreChunkedAsKerasChunksThem() throws IOException {
        Path p = dir.resolve("chunks.h5");
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) names.add("a_rather_long_layer_name_" + i);
        try (Hdf5File f = Hdf5File.create(p)) {
            LegacyNames.write(f.root(), "layer_names", names);
            LegacyNames.write(f.root(), "short", List.of("x"));
        }
        try (Hdf5File f = Hdf5File.open(p)) {
            assertThat(f.root().hasAttribute("layer_names")).isFalse();
            assertThat(f.root().attributeNames()).contains("layer_names0", "layer_names1").doesNotContain("layer_names3");
            assertThat(LegacyNames.read(f.root(), "layer_names")).isEqualTo(names);
            assertThat(LegacyNames.read(f.root(), "short")).containsExactly("x");
        }
    }
}
