package io.jkeras.utils;

import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Runs a stretch of many small ND4J calls on one OpenMP thread. ND4J's kernels and oneDNN share OpenMP's
 * thread team; under {@code OMP_WAIT_POLICY=PASSIVE}, and with the default policy once the workers have gone
 * to sleep, every parallel call wakes them first. For a 64×64 elementwise product that wake-up is most of
 * the call: measured here on a quiet 2-core machine, 49 µs on two threads against 2.2 µs on one, and
 * 130 µs against 26 µs for a (64×64)·(64×256) product. A recurrent layer's time loop makes thousands of such
 * calls per batch, so it runs them on the calling thread alone; large calls (the input projection over all
 * steps, the optimizer) keep every thread.
 *
 * <p>The limit is OpenMP's per-thread setting ({@code omp_set_num_threads}), so other Java threads are not
 * affected, and it is put back when the body ends, also by an exception. Where ND4J's backend has no OpenMP
 * (or no native ops at all) the body simply runs.
 *
 * <pre>{@code
 * jshell> Threads.single(() -> { for (int t = 0; t < 100; t++) step(t); });
 * }</pre>
 */
public final class Threads {
    private static final NativeOps OPS = nativeOps();
    /** OpenMP's thread count outside any {@link #single} stretch. */
    private static final int MAX = OPS == null ? 1 : OPS.ompGetMaxThreads();

    private Threads() {
    }

    /** Runs {@code body} with ND4J and OpenBLAS limited to the calling thread, then restores the thread count. */
    public static void single(Runnable body) {
        int n = OPS == null ? 1 : OPS.ompGetMaxThreads();
        if (n <= 1) {
            body.run();
            return;
        }
        OPS.setOmpNumThreads(1);
        try {
            body.run();
        } finally {
            OPS.setOmpNumThreads(n);
        }
    }

    /**
     * Inside a {@link #single} stretch, runs one larger call (a matrix product) on every thread again, then
     * goes back to one; elsewhere it simply runs the body.
     */
    public static void wide(Runnable body) {
        if (OPS == null || MAX <= 1 || OPS.ompGetMaxThreads() >= MAX) {
            body.run();
            return;
        }
        OPS.setOmpNumThreads(MAX);
        try {
            body.run();
        } finally {
            OPS.setOmpNumThreads(1);
        }
    }

    private static NativeOps nativeOps() {
        try {
            return NativeOpsHolder.getInstance().getDeviceNativeOps();
        } catch (RuntimeException | LinkageError e) {
            return null; // no native backend loaded: nothing to limit
        }
    }
}
