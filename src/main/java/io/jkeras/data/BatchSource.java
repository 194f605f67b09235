package io.jkeras.data;

import java.util.Iterator;

/**
 * A source of mini-batches for {@code fit}/{@code evaluate}, for data that does not fit in memory or is
 * produced on the fly — the role of a Keras generator or a {@code tf.data.Dataset}.
 * {@link #iterator()} is called once per epoch and yields that epoch's batches.
 *
 * <pre>{@code
 * BatchSource train = () -> new Iterator<Batch>() { ... read the next chunk from disk ... };
 * model.fit(train, FitOptions.epochs(3));
 * }</pre>
 */
@FunctionalInterface
public interface BatchSource extends Iterable<Batch> {
    /** The batches of one pass (a fresh iterator each epoch). */
    @Override
    Iterator<Batch> iterator();

    /** The number of batches per pass, or {@code null} if unknown (the progress bar then shows no total). */
    default Integer steps() {
        return null;
    }
}
