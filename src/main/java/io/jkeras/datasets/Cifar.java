package io.jkeras.datasets;

import io.jkeras.utils.Pickles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What CIFAR-10 and CIFAR-100 share, as Keras's {@code keras/src/datasets/cifar.py}: a batch file is a Python
 * pickle of a {@code dict} with bytes keys ({@code b"data"}: a {@code uint8} array {@code (N, 3072)}, each row the
 * red, green and blue 32×32 planes; the labels under {@code b"labels"}, {@code b"fine_labels"} or
 * {@code b"coarse_labels"}); Keras reshapes the rows to {@code (N, 3, 32, 32)} and, for {@code channels_last},
 * transposes to {@code (N, 32, 32, 3)}.
 */
final class Cifar {
    private Cifar() {
    }

    /** One batch: the raw rows (N × 3072 bytes, channels first) and the labels. */
    record Batch(byte[] data, int rows, long[] labels) {
    }

    /** {@code load_batch(fpath, label_key)}. */
    static Batch loadBatch(Path file, String labelKey) throws IOException {
        Map<String, Object> d = Pickles.stringKeys(Pickles.load(file));
        if (!(d.get("data") instanceof Pickles.NumpyArray data)) {
            throw new IOException(file + ": not a CIFAR batch: no NumPy array under 'data' (keys " + d.keySet() + ")");
        }
        long[] shape = data.shape();
        if (!data.descr().equals("|u1") || shape.length != 2 || shape[1] != 3 * 32 * 32) {
            throw new IOException(file + ": 'data' should be a uint8 array of shape (N, 3072), but it is "
                    + data.descr() + " " + Arrays.toString(shape));
        }
        Object labels = d.get(labelKey);
        if (!(labels instanceof List<?> list)) {
            throw new IOException(file + ": not a CIFAR batch: no list of labels under '" + labelKey + "' (keys " + d.keySet() + ")");
        }
        if (list.size() != shape[0]) {
            throw new IOException(file + ": " + shape[0] + " images but " + list.size() + " labels under '" + labelKey + "'");
        }
        long[] y = new long[list.size()];
        for (int i = 0; i < y.length; i++) y[i] = ((Number) list.get(i)).longValue();
        return new Batch(data.data(), (int) shape[0], y);
    }

    /** Batches one after another, as {@code (N, 32, 32, 3)} UINT8 (channels last) and {@code (N, 1)} labels. */
    static INDArray[] stack(List<Batch> batches, DataType labelType) {
        int n = batches.stream().mapToInt(Batch::rows).sum();
        byte[] all = new byte[n * 3072];
        long[] labels = new long[n];
        int at = 0;
        for (Batch b : batches) {
            System.arraycopy(b.data(), 0, all, at * 3072, b.rows() * 3072);
            System.arraycopy(b.labels(), 0, labels, at, b.rows());
            at += b.rows();
        }
        INDArray x = Nd4j.create(Nd4j.createTypedBuffer(all, DataType.UINT8), n, 3, 32, 32)
                .permute(0, 2, 3, 1).dup('c');
        INDArray y = Nd4j.createFromArray(labels).reshape(n, 1).castTo(labelType);
        return new INDArray[]{x, y};
    }

    static List<Batch> list(Batch... b) {
        return new ArrayList<>(List.of(b));
    }
}
