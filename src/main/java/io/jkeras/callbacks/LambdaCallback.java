package io.jkeras.callbacks;

import java.util.Map;

/**
 * A callback made of lambdas, as Keras's {@code keras.callbacks.LambdaCallback}: give a function for
 * each hook you need (the others do nothing). Built with {@link #builder()}, whose methods are named
 * like Keras's keyword arguments.
 *
 * <pre>{@code
 * jshell> var printer = LambdaCallback.builder()
 *    ...>     .onEpochEnd((epoch, logs) -> System.out.println(epoch + ": " + logs.get("loss")))
 *    ...>     .onTrainEnd(logs -> System.out.println("done"))
 *    ...>     .build();
 * jshell> model.fit(x, y, FitOptions.epochs(2).callbacks(printer));
 * }</pre>
 */
public final class LambdaCallback extends Callback {
    /** A hook with an epoch or batch index and the logs. */
    @FunctionalInterface
    public interface IndexHook {
        void accept(int index, Map<String, Double> logs);
    }

    /** A hook with only the logs ({@code onTrainBegin}, {@code onTrainEnd}, …). */
    @FunctionalInterface
    public interface LogsHook {
        void accept(Map<String, Double> logs);
    }

    private final IndexHook epochBegin, epochEnd, trainBatchBegin, trainBatchEnd, testBatchEnd, predictBatchEnd;
    private final LogsHook trainBegin, trainEnd, testBegin, testEnd, predictBegin, predictEnd;

    private LambdaCallback(Builder b) {
        epochBegin = b.epochBegin;
        epochEnd = b.epochEnd;
        trainBatchBegin = b.trainBatchBegin;
        trainBatchEnd = b.trainBatchEnd;
        testBatchEnd = b.testBatchEnd;
        predictBatchEnd = b.predictBatchEnd;
        trainBegin = b.trainBegin;
        trainEnd = b.trainEnd;
        testBegin = b.testBegin;
        testEnd = b.testEnd;
        predictBegin = b.predictBegin;
        predictEnd = b.predictEnd;
    }

    /** A builder with no hooks set. */
    public static Builder builder() {
        return new Builder();
    }

    private static void call(IndexHook h, int i, Map<String, Double> logs) {
        if (h != null) h.accept(i, logs);
    }

    private static void call(LogsHook h, Map<String, Double> logs) {
        if (h != null) h.accept(logs);
    }

    @Override public void onEpochBegin(int epoch, Map<String, Double> logs) { call(epochBegin, epoch, logs); }
    @Override public void onEpochEnd(int epoch, Map<String, Double> logs) { call(epochEnd, epoch, logs); }
    @Override public void onTrainBatchBegin(int batch, Map<String, Double> logs) { call(trainBatchBegin, batch, logs); }
    @Override public void onTrainBatchEnd(int batch, Map<String, Double> logs) { call(trainBatchEnd, batch, logs); }
    @Override public void onTestBatchEnd(int batch, Map<String, Double> logs) { call(testBatchEnd, batch, logs); }
    @Override public void onPredictBatchEnd(int batch, Map<String, Double> logs) { call(predictBatchEnd, batch, logs); }
    @Override public void onTrainBegin(Map<String, Double> logs) { call(trainBegin, logs); }
    @Override public void onTrainEnd(Map<String, Double> logs) { call(trainEnd, logs); }
    @Override public void onTestBegin(Map<String, Double> logs) { call(testBegin, logs); }
    @Override public void onTestEnd(Map<String, Double> logs) { call(testEnd, logs); }
    @Override public void onPredictBegin(Map<String, Double> logs) { call(predictBegin, logs); }
    @Override public void onPredictEnd(Map<String, Double> logs) { call(predictEnd, logs); }

    /** Collects the hooks; each setter replaces an earlier one for the same hook. */
    public static final class Builder {
        private IndexHook epochBegin, epochEnd, trainBatchBegin, trainBatchEnd, testBatchEnd, predictBatchEnd;
        private LogsHook trainBegin, trainEnd, testBegin, testEnd, predictBegin, predictEnd;

        private Builder() {
        }

        /** Called with the epoch (from 0) at the start of every epoch. */
        public Builder onEpochBegin(IndexHook f) { epochBegin = f; return this; }

        /** Called with the epoch and its results at the end of every epoch. */
        public Builder onEpochEnd(IndexHook f) { epochEnd = f; return this; }

        /** Called with the batch index (from 0 in each epoch) before every training batch. */
        public Builder onTrainBatchBegin(IndexHook f) { trainBatchBegin = f; return this; }

        /** Called with the batch index and the running epoch results after every training batch. */
        public Builder onTrainBatchEnd(IndexHook f) { trainBatchEnd = f; return this; }

        /** Called after every evaluation batch. */
        public Builder onTestBatchEnd(IndexHook f) { testBatchEnd = f; return this; }

        /** Called after every prediction batch. */
        public Builder onPredictBatchEnd(IndexHook f) { predictBatchEnd = f; return this; }

        /** Called once when training starts. */
        public Builder onTrainBegin(LogsHook f) { trainBegin = f; return this; }

        /** Called once when training ends (also after an early stop). */
        public Builder onTrainEnd(LogsHook f) { trainEnd = f; return this; }

        /** Called when an evaluation (or a validation pass) starts. */
        public Builder onTestBegin(LogsHook f) { testBegin = f; return this; }

        /** Called with the evaluation results when an evaluation ends. */
        public Builder onTestEnd(LogsHook f) { testEnd = f; return this; }

        /** Called when a prediction starts. */
        public Builder onPredictBegin(LogsHook f) { predictBegin = f; return this; }

        /** Called when a prediction ends. */
        public Builder onPredictEnd(LogsHook f) { predictEnd = f; return this; }

        /** The callback. */
        public LambdaCallback build() {
            return new LambdaCallback(this);
        }
    }
}
