package io.jkeras.callbacks;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jkeras.callbacks.TestModels.logs;
import static org.assertj.core.api.Assertions.assertThat;

/** LambdaCallback calls each given function at its hook and ignores the others. */
class LambdaCallbackTest {
    @Test
    void eachHookCallsItsFunction() {
        List<String> calls = new ArrayList<>();
        LambdaCallback cb = LambdaCallback.builder()
                .onTrainBegin(l -> calls.add("trainBegin"))
                .onEpochBegin((e, l) -> calls.add("epochBegin " + e))
                .onTrainBatchBegin((b, l) -> calls.add("batchBegin " + b))
                .onTrainBatchEnd((b, l) -> calls.add("batchEnd " + b + " " + l.get("loss")))
                .onEpochEnd((e, l) -> calls.add("epochEnd " + e + " " + l.get("val_loss")))
                .onTrainEnd(l -> calls.add("trainEnd"))
                .onTestBegin(l -> calls.add("testBegin"))
                .onTestBatchEnd((b, l) -> calls.add("testBatchEnd " + b))
                .onTestEnd(l -> calls.add("testEnd"))
                .onPredictBegin(l -> calls.add("predictBegin"))
                .onPredictBatchEnd((b, l) -> calls.add("predictBatchEnd " + b))
                .onPredictEnd(l -> calls.add("predictEnd"))
                .build();
        CallbackList list = new CallbackList(List.of(cb), TestModels.dense(), java.util.Map.of("epochs", 1));
        list.onTrainBegin(logs());
        list.onEpochBegin(0, logs());
        list.onTrainBatchBegin(0, logs());
        list.onTrainBatchEnd(0, logs("loss", 0.5));
        list.onTestBegin(logs());
        list.onTestBatchBegin(0, logs());
        list.onTestBatchEnd(0, logs());
        list.onTestEnd(logs());
        list.onEpochEnd(0, logs("val_loss", 0.25));
        list.onTrainEnd(logs());
        list.onPredictBegin(logs());
        list.onPredictBatchBegin(0, logs());
        list.onPredictBatchEnd(0, logs());
        list.onPredictEnd(logs());
        assertThat(calls).containsExactly("trainBegin", "epochBegin 0", "batchBegin 0", "batchEnd 0 0.5",
                "testBegin", "testBatchEnd 0", "testEnd", "epochEnd 0 0.25", "trainEnd",
                "predictBegin", "predictBatchEnd 0", "predictEnd");
    }

    @Test
    void hooksNotGivenDoNothing() {
        List<Integer> epochs = new ArrayList<>();
        LambdaCallback cb = LambdaCallback.builder().onEpochEnd((e, l) -> epochs.add(e)).build();
        cb.onTrainBegin(logs());
        cb.onEpochBegin(0, logs());
        cb.onTrainBatchEnd(0, logs());
        cb.onEpochEnd(0, logs());
        cb.onEpochEnd(1, null);
        cb.onTrainEnd(logs());
        assertThat(epochs).containsExactly(0, 1);
    }
}
