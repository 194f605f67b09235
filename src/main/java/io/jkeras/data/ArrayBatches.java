package io.jkeras.data;

import io.jkeras.Keras;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Mini-batches over in-memory arrays, as Keras's array data adapter: a new random order every epoch
 * when shuffling (drawn from {@link Keras#random()}, so a seed repeats it), consecutive views otherwise.
 * Shuffled batches are gathered by ND4J's native {@code pullRows}, not by Java loops over elements.
 *
 * <pre>{@code
 * BatchSource b = new ArrayBatches(List.of(x), List.of(y), null, 32, true);
 * }</pre>
 */
public final class ArrayBatches implements BatchSource {
    private final List<INDArray> xs;
    private final List<INDArray> ys;
    private final INDArray sampleWeight;
    private final int batchSize;
    private final boolean shuffle;
    private final long n;

    /**
     * @param xs inputs, same number of rows each
     * @param ys targets (may be empty), same number of rows
     * @param sampleWeight per-sample weights {@code (n,)}, or null
     * @param batchSize rows per batch (the last batch may be smaller)
     * @param shuffle a new random order each epoch
     */
    public ArrayBatches(List<INDArray> xs, List<INDArray> ys, INDArray sampleWeight, int batchSize, boolean shuffle) {
        if (batchSize <= 0) throw new IllegalArgumentException("batch_size must be a positive integer. Received: batch_size=" + batchSize);
        this.xs = xs;
        this.ys = ys;
        this.sampleWeight = sampleWeight;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.n = checkCardinality(xs, ys, sampleWeight);
    }

    /** The common number of rows; Keras's "Data cardinality is ambiguous" error if they differ. */
    public static long checkCardinality(List<INDArray> xs, List<INDArray> ys, INDArray sw) {
        List<Long> xn = new ArrayList<>(), yn = new ArrayList<>();
        for (INDArray a : xs) xn.add(a.rank() == 0 ? 0 : a.size(0));
        for (INDArray a : ys) yn.add(a.rank() == 0 ? 0 : a.size(0));
        long n = xn.isEmpty() ? 0 : xn.get(0);
        boolean ok = xn.stream().allMatch(v -> v == n) && yn.stream().allMatch(v -> v == n)
                && (sw == null || sw.length() == n);
        if (!ok) {
            throw new IllegalArgumentException("Data cardinality is ambiguous:\n  x sizes: " + join(xn) + "\n  y sizes: " + join(yn)
                    + (sw == null ? "" : "\n  sample_weight size: " + sw.length())
                    + "\nMake sure all arrays contain the same number of samples.");
        }
        return n;
    }

    private static String join(List<Long> l) {
        return String.join(", ", l.stream().map(String::valueOf).toList());
    }

    /** The number of rows. */
    public long size() {
        return n;
    }

    @Override
    public Integer steps() {
        return (int) ((n + batchSize - 1) / batchSize);
    }

    @Override
    public Iterator<Batch> iterator() {
        int[] order = shuffle ? permutation() : null;
        return new Iterator<>() {
            long start = 0;

            @Override
            public boolean hasNext() {
                return start < n;
            }

            @Override
            public Batch next() {
                if (!hasNext()) throw new NoSuchElementException();
                long end = Math.min(n, start + batchSize);
                int[] idx = order == null ? null : java.util.Arrays.copyOfRange(order, (int) start, (int) end);
                List<INDArray> bx = new ArrayList<>(), by = new ArrayList<>();
                for (INDArray a : xs) bx.add(rows(a, start, end, idx));
                for (INDArray a : ys) by.add(rows(a, start, end, idx));
                INDArray bw = sampleWeight == null ? null : rows(sampleWeight, start, end, idx);
                start = end;
                return new Batch(bx, by, bw);
            }
        };
    }

    private int[] permutation() {
        int[] p = new int[(int) n];
        for (int i = 0; i < p.length; i++) p[i] = i;
        java.util.Random r = Keras.random();
        for (int i = p.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Rows [start, end) as a view, or the rows {@code idx} gathered natively. */
    static INDArray rows(INDArray a, long start, long end, int[] idx) {
        if (idx == null) return a.get(NDArrayIndex.interval(start, end));
        if (a.dataType() == org.nd4j.linalg.api.buffer.DataType.UTF8) return stringRows(a, idx);
        if (a.rank() == 1) return Nd4j.pullRows(a.reshape(a.length(), 1), 1, idx).reshape(idx.length);
        INDArray flat = a.rank() == 2 ? a : a.reshape('c', a.size(0), a.length() / a.size(0));
        INDArray got = Nd4j.pullRows(flat, 1, idx);
        if (a.rank() == 2) return got;
        long[] shape = a.shape().clone();
        shape[0] = idx.length;
        return got.reshape('c', shape);
    }

    /** Rows of a string array (text for a TextVectorization input): ND4J's pullRows has no string kernel. */
    private static INDArray stringRows(INDArray a, int[] idx) {
        long perRow = a.rank() == 0 ? 1 : a.length() / Math.max(1, a.size(0));
        List<String> picked = new ArrayList<>((int) (idx.length * perRow));
        for (int i : idx) for (long k = 0; k < perRow; k++) picked.add(a.getString(i * perRow + k));
        long[] shape = a.shape().clone();
        shape[0] = idx.length;
        return Nd4j.create(picked, shape);
    }
}
